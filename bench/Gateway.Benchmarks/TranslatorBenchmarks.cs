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
/// Each protocol adapter on a non-streamed request: building the upstream request (body, URL, auth headers) from the parsed client
/// request, and turning the upstream's answer into OpenAI's <c>chat.completion</c>.
/// </summary>
[MemoryDiagnoser]
public class TranslatorBenchmarks
{
    private readonly OpenAiCompatibleProtocol _openAi = new(TimeProvider.System);
    private readonly AzureOpenAiProtocol _azure = new(TimeProvider.System);
    private readonly AnthropicProtocol _anthropic = new(TimeProvider.System);
    private readonly OllamaProtocol _ollama = new(TimeProvider.System);
    private readonly Candidate _openAiCandidate = Fixtures.Candidate(BackendKind.OpenAI);
    private readonly Candidate _azureCandidate = Fixtures.Candidate(BackendKind.Azure);
    private readonly Candidate _anthropicCandidate = Fixtures.Candidate(BackendKind.Anthropic);
    private readonly Candidate _ollamaCandidate = Fixtures.Candidate(BackendKind.Ollama);
    private ChatRequest _request = null!;

    [GlobalSetup]
    public void Setup() => _request = Fixtures.Request();

    [GlobalCleanup]
    public void Cleanup() => _request.Dispose();

    [Benchmark]
    public bool OpenAiRequest() => Build(_openAi, _openAiCandidate);

    [Benchmark]
    public bool AzureRequest() => Build(_azure, _azureCandidate);

    [Benchmark]
    public bool AnthropicRequest() => Build(_anthropic, _anthropicCandidate);

    [Benchmark]
    public bool OllamaRequest() => Build(_ollama, _ollamaCandidate);

    [Benchmark]
    public Task<int> OpenAiAnswer() => ReadAsync(_openAi, _openAiCandidate, Fixtures.OpenAiAnswer);

    [Benchmark]
    public Task<int> AzureAnswer() => ReadAsync(_azure, _azureCandidate, Fixtures.OpenAiAnswer);

    [Benchmark]
    public Task<int> AnthropicAnswer() => ReadAsync(_anthropic, _anthropicCandidate, Fixtures.AnthropicAnswer);

    [Benchmark]
    public Task<int> OllamaAnswer() => ReadAsync(_ollama, _ollamaCandidate, Fixtures.OllamaAnswer);

    private bool Build(IChatProtocol protocol, Candidate candidate)
    {
        using var message = protocol.CreateChatRequest(_request, candidate);
        return message.Content is not null;
    }

    private async Task<int> ReadAsync(IChatProtocol protocol, Candidate candidate, byte[] answer)
    {
        using var response = Fixtures.Answer(answer, "application/json");
        var outcome = await protocol.ReadChatCompletionAsync(response, _request, candidate, CancellationToken.None);
        return outcome.Value?.Json.Length ?? throw new InvalidOperationException(outcome.Failure?.Message);
    }
}
