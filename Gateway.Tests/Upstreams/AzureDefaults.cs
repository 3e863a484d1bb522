using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Upstreams;

/// <summary>
/// Default answers of Azure OpenAI's dated data-plane API: <c>POST /openai/deployments/{dep}/chat/completions</c>,
/// <c>POST /openai/deployments/{dep}/embeddings</c> and <c>GET /openai/models</c>, each with <c>?api-version=</c>.
/// </summary>
internal static class AzureDefaults
{
    private const string DeploymentsPrefix = "/openai/deployments/";

    public static StubResponse Answer(RecordedRequest request, string? expectedApiKey, IReadOnlyCollection<string>? knownDeployments)
    {
        var (deployment, operation) = SplitDeploymentPath(request.Path);
        var route = (request.Method, operation) switch
        {
            ("POST", "chat/completions") or ("POST", "embeddings") when deployment is not null => operation,
            ("GET", "models") when deployment is null => operation,
            _ => null,
        };

        if (route is null)
        {
            return StubResponse.Json(StatusCodes.Status404NotFound, AzurePayloads.ResourceNotFoundError);
        }

        if (expectedApiKey is not null && request.Header("api-key") != expectedApiKey)
        {
            return StubResponse.Json(StatusCodes.Status401Unauthorized, AzurePayloads.UnauthorizedError);
        }

        // Azure answers a missing api-version with the same 404 as an unknown route, and an unknown one with a 400.
        var apiVersion = request.Query("api-version");
        if (string.IsNullOrEmpty(apiVersion))
        {
            return StubResponse.Json(StatusCodes.Status404NotFound, AzurePayloads.ResourceNotFoundError);
        }

        if (!IsApiVersion(apiVersion))
        {
            return StubResponse.Json(StatusCodes.Status400BadRequest, AzurePayloads.ApiVersionNotSupportedError);
        }

        if (deployment is not null && knownDeployments is not null && !knownDeployments.Contains(deployment))
        {
            return StubResponse.Json(StatusCodes.Status404NotFound, AzurePayloads.DeploymentNotFoundError);
        }

        if (route != "models" && !request.HasJsonBody)
        {
            return StubResponse.Json(StatusCodes.Status400BadRequest, OpenAiPayloads.InvalidJsonError);
        }

        return route switch
        {
            "chat/completions" when request.JsonBool("stream") == true => StubResponse.Sse(Stream(request)),
            "chat/completions" => StubResponse.Json(StatusCodes.Status200OK, AzurePayloads.ChatCompletion),
            "embeddings" => StubResponse.Json(StatusCodes.Status200OK, Embeddings(request)),
            _ => StubResponse.Json(StatusCodes.Status200OK, AzurePayloads.ModelList),
        };
    }

    /// <summary>The §2.3 "passes filters" stream; with <c>include_usage</c> a usage event goes before <c>[DONE]</c>.</summary>
    private static IReadOnlyList<string> Stream(RecordedRequest request)
    {
        var includeUsage = request.JsonProperty("stream_options") is { ValueKind: JsonValueKind.Object } options
            && options.TryGetProperty("include_usage", out var value)
            && value.ValueKind == JsonValueKind.True;
        return includeUsage ? [.. AzurePayloads.PassesFiltersStream.SkipLast(1), AzurePayloads.UsageEvent, RawSse.Done] : AzurePayloads.PassesFiltersStream;
    }

    private static string Embeddings(RecordedRequest request) =>
        EmbeddingBodies.OpenAiList(
            "text-embedding-ada-002",
            EmbeddingBodies.CountInputs(request.JsonProperty("input")),
            AzurePayloads.EmbeddingVector,
            base64: request.JsonString("encoding_format") == "base64",
            promptTokens: 4,
            totalTokens: 4);

    /// <summary><c>/openai/deployments/{dep}/{operation}</c> → (dep, operation); <c>/openai/{operation}</c> → (null, operation).</summary>
    private static (string? Deployment, string? Operation) SplitDeploymentPath(string path)
    {
        if (path.StartsWith(DeploymentsPrefix, StringComparison.Ordinal))
        {
            var rest = path[DeploymentsPrefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            return slash > 0 ? (Uri.UnescapeDataString(rest[..slash]), rest[(slash + 1)..]) : (null, null);
        }

        return path.StartsWith("/openai/", StringComparison.Ordinal) ? (null, path["/openai/".Length..]) : (null, null);
    }

    /// <summary>A dated version such as <c>2024-10-21</c> or <c>2024-02-15-preview</c>.</summary>
    private static bool IsApiVersion(string value)
    {
        var date = value.EndsWith("-preview", StringComparison.Ordinal) ? value[..^"-preview".Length] : value;
        return DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }
}
