using Gateway.Configuration;

namespace Gateway.Doctor;

/// <summary>The fix half of each failing line: what to do, named with the config key or command that does it.</summary>
internal static class DoctorAdvice
{
    /// <summary>For an endpoint that does not answer at all.</summary>
    public static string Unreachable(EndpointTarget target)
    {
        var local = Uri.TryCreate(target.Url, UriKind.Absolute, out var uri) && uri.IsLoopback;
        return target.Backend.Kind switch
        {
            BackendKind.Ollama when local => $"start Ollama (`ollama serve`) or correct {target.SourceText}",
            BackendKind.Ollama => $"check Ollama runs on that host and listens beyond localhost (OLLAMA_HOST=0.0.0.0), or correct {target.SourceText}",
            BackendKind.LMStudio when local => $"start LM Studio's server (`lms server start`) or correct {target.SourceText}",
            BackendKind.LMStudio => $"check LM Studio's server runs on that host with \"serve on local network\" on, or correct {target.SourceText}",
            _ when local => $"start the server there or correct {target.SourceText}",
            _ => $"check DNS, proxy and firewall access to that host, or correct {target.SourceText}",
        };
    }

    /// <summary>For an answer with a status that is neither 2xx nor an auth refusal.</summary>
    public static string ForStatus(EndpointTarget target, int status) => status switch
    {
        >= 300 and < 400 => $"the gateway does not follow redirects: put the final URL in {target.SourceText}",
        404 => NotFound(target),
        429 => "rate limited or out of quota: check the account's limits and billing, then run doctor again",
        >= 500 => "the server is up but failing: see its logs or status page, then run doctor again",
        _ => $"check {target.SourceText}",
    };

    /// <summary>For a backend that needs a key and has none here.</summary>
    public static string MissingKey(EndpointTarget target) => target.Backend.ApiKeyHint ?? $"set {target.KeyText}";

    private static string NotFound(EndpointTarget target) => target.Backend.Kind switch
    {
        BackendKind.Ollama => $"this is not Ollama's API: point {target.SourceText} at the Ollama server (default http://localhost:11434, no /v1)",
        BackendKind.OpenAI or BackendKind.LMStudio => $"{target.SourceText} should be the API root ending in /v1",
        BackendKind.Anthropic => $"{target.SourceText} should be the API root (https://api.anthropic.com, no path)",
        BackendKind.Azure => $"{target.SourceText} should be the resource endpoint (https://<resource>.openai.azure.com) "
            + $"and llm.{target.Backend.Name}.api_version ({target.Backend.ApiVersion}) one the resource supports",
        _ => $"check {target.SourceText}",
    };
}
