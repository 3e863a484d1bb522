using BenchmarkDotNet.Attributes;
using Gateway.Backends;
using Gateway.Backends.Anthropic;
using Gateway.Backends.Azure;
using Gateway.Backends.Ollama;
using Gateway.Backends.OpenAI;
using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Benchmarks;

/// <summary>
/// Each protocol adapter reading a streamed answer into OpenAI chunks: framing (SSE or NDJSON), checking and, for Anthropic and Ollama,
/// composing each chunk. One operation is one upstream event (each run reads a whole 50-event stream).
/// </summary>
[MemoryDiagnoser]
public class StreamBenchmarks
{
    private readonly OpenAiCompatibleProtocol _openAi = new(TimeProvider.System);
    private readonly AzureOpenAiProtocol _azure = new(TimeProvider.System);
    private readonly AnthropicProtocol _anthropic = new(TimeProvider.System);
    private readonly OllamaProtocol _ollama = new(TimeProvider.System);
    private ChatRequest _request = null!;

    [GlobalSetup]
    public void Setup() => _request = Fixtures.Request(stream: true);

    [GlobalCleanup]
    public void Cleanup() => _request.Dispose();

    [Benchmark(OperationsPerInvoke = Fixtures.StreamEvents)]
    public Task<int> OpenAiEvent() => ReadAsync(_openAi, BackendKind.OpenAI, Fixtures.OpenAiStream, "text/event-stream");

    [Benchmark(OperationsPerInvoke = Fixtures.StreamEvents)]
    public Task<int> AzureEvent() => ReadAsync(_azure, BackendKind.Azure, Fixtures.OpenAiStream, "text/event-stream");

    [Benchmark(OperationsPerInvoke = Fixtures.StreamEvents)]
    public Task<int> AnthropicEvent() => ReadAsync(_anthropic, BackendKind.Anthropic, Fixtures.AnthropicStream, "text/event-stream");

    [Benchmark(OperationsPerInvoke = Fixtures.StreamEvents)]
    public Task<int> OllamaEvent() => ReadAsync(_ollama, BackendKind.Ollama, Fixtures.OllamaStream, "application/x-ndjson");

    private async Task<int> ReadAsync(IChatProtocol protocol, BackendKind kind, byte[] stream, string mediaType)
    {
        var candidate = Fixtures.Candidate(kind);
        using var response = Fixtures.Answer(stream, mediaType);
        var bytes = 0;
        await foreach (var chunk in protocol.ReadChatStreamAsync(response, _request, candidate, CancellationToken.None))
        {
            if (chunk.Failure is { } failure)
            {
                throw new InvalidOperationException(failure.Message);
            }

            bytes += chunk.Data.Length;
        }

        return bytes;
    }
}
