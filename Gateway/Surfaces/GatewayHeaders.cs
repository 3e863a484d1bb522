using System.Globalization;
using Gateway.Configuration;

namespace Gateway.Surfaces;

/// <summary>The <c>x-gateway-*</c> headers every answer carries, and the request headers the gateway reads.</summary>
internal static class GatewayHeaders
{
    /// <summary>Request: force a backend. Response: the backend that answered (or was tried last).</summary>
    public const string Backend = "x-gateway-backend";

    /// <summary>Response: the concrete model that answered (or was tried last).</summary>
    public const string Model = "x-gateway-model";

    /// <summary>Response: how many upstream attempts the answer took.</summary>
    public const string Attempts = "x-gateway-attempts";

    /// <summary>Response: <c>true</c> when the answer came from the built-in mock backend, never from an LLM.</summary>
    public const string Mock = "x-gateway-mock";
    /// <summary>Response: the version (a short hash) of the config file in force when the request arrived.</summary>
    public const string ConfigVersion = "x-gateway-config-version";

    public static void Set(HttpResponse response, string? backend, string? model, int attempts)
    {
        var headers = response.Headers;
        if (backend is not null)
        {
            headers[Backend] = backend;
        }

        if (BackendNames.IsMock(backend))
        {
            headers[Mock] = "true";
        }
        else
        {
            headers.Remove(Mock);
        }

        if (model is not null)
        {
            headers[Model] = model;
        }

        headers[Attempts] = attempts.ToString(CultureInfo.InvariantCulture);
    }
}
