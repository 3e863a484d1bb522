using Gateway.Configuration;

namespace Gateway.Proxy;

/// <summary>
/// The native API of one backend kind as the pass-through exposes it: which path prefixes are forwarded, and the root they are joined
/// to. Paths are the service's own, as its documentation writes them (<c>api/tags</c>, <c>v1/responses</c>, <c>openai/deployments/…</c>),
/// joined to the backend's base URL with a trailing <c>/v1</c> removed. Anything else is not forwarded.
/// </summary>
internal sealed record NativeApi(BackendKind Kind, IReadOnlyList<string> Prefixes)
{
    private static readonly Dictionary<BackendKind, NativeApi> Apis = new()
    {
        // Ollama's native API and its OpenAI-compatible layer.
        [BackendKind.Ollama] = new(BackendKind.Ollama, ["api/", "v1/"]),
        [BackendKind.OpenAI] = new(BackendKind.OpenAI, ["v1/"]),
        // LM Studio's OpenAI-compatible API and its native REST APIs (api/v0, api/v1).
        [BackendKind.LMStudio] = new(BackendKind.LMStudio, ["v1/", "api/"]),
        [BackendKind.Anthropic] = new(BackendKind.Anthropic, ["v1/"]),
        // The dated deployments API and the v1 API both live under openai/.
        [BackendKind.Azure] = new(BackendKind.Azure, ["openai/"]),
    };

    public static NativeApi For(BackendKind kind) => Apis[kind];

    /// <summary>The prefixes as a list for messages, e.g. <c>api/…, v1/…</c>.</summary>
    public string Describe() => string.Join(", ", Prefixes.Select(prefix => prefix + "…"));

    /// <summary>
    /// Whether <paramref name="path"/> (without a leading slash) starts with an allowed prefix and holds no segment that could climb out
    /// of it (<c>.</c>, <c>..</c>, empty segments, backslashes).
    /// </summary>
    public bool Allows(string path)
    {
        var allowed = false;
        foreach (var prefix in Prefixes)
        {
            if (path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal))
            {
                allowed = true;
                break;
            }
        }

        if (!allowed || path.Contains('\\', StringComparison.Ordinal))
        {
            return false;
        }

        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] is "." or ".." || (segments[i].Length == 0 && i < segments.Length - 1))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The URL native paths are joined to: <paramref name="baseUrl"/> without a trailing slash or <c>/v1</c>.</summary>
    public static string Root(string baseUrl)
    {
        var root = baseUrl.TrimEnd('/');
        return root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? root[..^3] : root;
    }
}
