using BenchmarkDotNet.Attributes;
using Gateway.Surfaces;
using Gateway.Backends;
using Gateway.Backends.OpenAI;
using Gateway.Configuration;
using Microsoft.AspNetCore.Http;

namespace Gateway.Benchmarks;

/// <summary>The request's way in: parse and check the client's body once, then rewrite only <c>model</c> for an OpenAI-style upstream.</summary>
[MemoryDiagnoser]
public class RequestBenchmarks
{
    private static readonly GlobalDefaults Defaults = new();
    private readonly DefaultHttpContext _context = new();
    private readonly MemoryStream _body = new(Fixtures.ChatBody, writable: false);
    private ChatRequest _parsed = null!;

    [GlobalSetup]
    public void Setup() => _parsed = Fixtures.Request();

    [GlobalCleanup]
    public void Cleanup() => _parsed.Dispose();

    /// <summary><c>ChatRequestParser.ParseAsync</c>: JSON into a document, every field the gateway checks, checked.</summary>
    [Benchmark]
    public async Task<bool> Parse()
    {
        using var request = await ParseAsync();
        return request.Stream;
    }

    /// <summary><c>OpenAiRequestBody.Chat</c>: the upstream body with <c>model</c> replaced and every other field copied as sent.</summary>
    [Benchmark]
    public int RewriteModel() => OpenAiRequestBody.Chat(_parsed, "gpt-4o", OpenAiBodyRules.OpenAI).Length;

    [Benchmark]
    public async Task<int> ParseAndRewriteModel()
    {
        using var request = await ParseAsync();
        return OpenAiRequestBody.Chat(request, "gpt-4o", OpenAiBodyRules.OpenAI).Length;
    }

    private async Task<ChatRequest> ParseAsync()
    {
        _body.Position = 0;
        _context.Request.Body = _body;
        var (request, error) = await ChatRequestParser.ParseAsync(_context.Request, Defaults, CancellationToken.None);
        return request ?? throw new InvalidOperationException(error?.Message);
    }
}
