using System.Text.Json;
using Gateway.Configuration;

namespace Gateway.Backends.Mock;

/// <summary>
/// The mock backend itself: an in-process upstream answering <c>POST …/chat/completions</c> (JSON or paced SSE), <c>POST …/embeddings</c>
/// and <c>GET …/models</c> in OpenAI's shapes with deterministic content. It waits <c>latency_ms</c> before answering and injects the
/// section's failures. The waits simulate a network, so they are real delays on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class MockHandler(TimeProvider time) : HttpMessageHandler
{
    private readonly MockFailures _failures = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!MockRequest.TryGetBackend(request, out var backend))
        {
            return MockResponses.Error(404, "not_found", "This request was not addressed to a mock backend.");
        }

        var settings = backend.Mock ?? new MockSettings();
        if (settings.Latency > TimeSpan.Zero)
        {
            await Task.Delay(settings.Latency, time, cancellationToken);
        }

        var path = request.RequestUri?.AbsolutePath ?? "";
        if (request.Method == HttpMethod.Get && path.EndsWith("/models", StringComparison.Ordinal))
        {
            return MockResponses.Models(backend);
        }

        var isChat = path.EndsWith("/chat/completions", StringComparison.Ordinal);
        if (request.Method != HttpMethod.Post || (!isChat && !path.EndsWith("/embeddings", StringComparison.Ordinal)))
        {
            return MockResponses.Error(404, "not_found", $"The mock backend serves POST /chat/completions, POST /embeddings and GET /models, not {request.Method} {path}.");
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        using var document = TryParse(body);
        if (document?.RootElement.ValueKind != JsonValueKind.Object)
        {
            return MockResponses.Error(400, "invalid_request_error", "The request body must be a JSON object.");
        }

        var root = document.RootElement;
        var prompt = isChat ? MockPrompt.FromChat(root) : MockPrompt.FromEmbeddings(root);
        if (_failures.Decide(backend.Name, settings, prompt.Demand) is { } reason)
        {
            var type = settings.FailStatus >= 500 ? "server_error" : "invalid_request_error";
            return MockResponses.Error(settings.FailStatus, type, $"The mock backend '{backend.Name}' failed this request on purpose ({reason}).", "mock_failure");
        }

        var created = time.GetUtcNow().ToUnixTimeSeconds();
        return isChat
            ? MockChatAnswer.Create(root, prompt, backend, settings, created, time)
            : MockEmbeddingsAnswer.Create(root, prompt, settings);
    }

    private static JsonDocument? TryParse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
