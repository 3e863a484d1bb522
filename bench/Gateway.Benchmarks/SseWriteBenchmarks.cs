using System.Buffers;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using Gateway.Backends;

namespace Gateway.Benchmarks;

/// <summary>
/// The way out of a stream: composing an OpenAI chunk (what the Anthropic and Ollama adapters do per event) and framing it as SSE with a
/// flush per event, the writes <c>ChatDispatcher.TryStreamAsync</c> makes on the response's <see cref="PipeWriter"/>.
/// </summary>
[MemoryDiagnoser]
public class SseWriteBenchmarks
{
    private readonly OpenAiChunkWriter _chunks = new("chatcmpl-bench", 1700000000, "bench-model");
    private readonly PipeWriter _body = PipeWriter.Create(Stream.Null);
    private readonly byte[] _chunk = new OpenAiChunkWriter("chatcmpl-bench", 1700000000, "bench-model").Content("word ");

    private static ReadOnlySpan<byte> DataPrefix => "data: "u8;

    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;

    [Benchmark]
    public int ComposeChunk() => _chunks.Content("word ").Length;

    [Benchmark]
    public async Task<bool> WriteEvent()
    {
        _body.Write(DataPrefix);
        _body.Write(_chunk);
        _body.Write(EventEnd);
        var flushed = await _body.FlushAsync();
        return flushed.IsCompleted;
    }
}
