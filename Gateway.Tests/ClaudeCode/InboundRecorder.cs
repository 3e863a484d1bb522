using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.ClaudeCode;

/// <summary>A request as the gateway received it from the client (its line, headers, the top-level fields of a JSON body) and the status it got.</summary>
internal sealed record InboundRequest(
    string Method, string Target, IReadOnlyDictionary<string, string> Headers, IReadOnlyList<string> BodyFields, string? Model, int Status)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string Path => Target.Split('?')[0];

    public override string ToString() => $"{Method} {Target} -> {Status}; model {Model ?? "-"}; fields {string.Join(", ", BodyFields)}";
}

/// <summary>
/// Notes every request, read before the gateway's own pipeline sees it and kept once answered (registered as an <see cref="IStartupFilter"/>, which wraps the whole
/// app), so a test can say exactly what a real client sent: paths, headers and body fields. The body is buffered and rewound for the
/// gateway.
/// </summary>
internal sealed class InboundRecorder : IStartupFilter
{
    private readonly ConcurrentQueue<InboundRequest> _requests = new();

    public IReadOnlyList<InboundRequest> Requests => [.. _requests];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, proceed) =>
        {
            var request = await ReadAsync(context.Request);
            await proceed(context);
            _requests.Enqueue(request with { Status = context.Response.StatusCode });
        });
        next(app);
    };

    private static async Task<InboundRequest> ReadAsync(HttpRequest request)
    {
        var headers = request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<string> fields = [];
        string? model = null;
        if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            request.EnableBuffering();
            try
            {
                using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
                if (body.RootElement.ValueKind == JsonValueKind.Object)
                {
                    fields = [.. body.RootElement.EnumerateObject().Select(property => property.Name)];
                    model = body.RootElement.TryGetProperty("model", out var named) && named.ValueKind == JsonValueKind.String ? named.GetString() : null;
                }
            }
            catch (JsonException)
            {
                fields = ["(not JSON)"];
            }

            request.Body.Position = 0;
        }

        return new InboundRequest(request.Method, request.Path + request.QueryString, headers, fields, model, 0);
    }
}
