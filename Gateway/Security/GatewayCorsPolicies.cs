using Gateway.Runtime;
using Gateway.Surfaces;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Primitives;

namespace Gateway.Security;

/// <summary>
/// ASP.NET Core's CORS middleware asks here for the policy of each request that names an <c>Origin</c>: none unless the config in
/// force lists that origin in <c>server.cors_origins</c> (so a reload applies to the next request), else one that allows it with any
/// method, the headers clients of the gateway send, and the gateway's own response headers exposed to the page.
/// </summary>
internal sealed class GatewayCorsPolicies : ICorsPolicyProvider
{
    /// <summary>Request headers a page may send: credentials, the body's type, and the providers' protocol headers.</summary>
    private static readonly string[] Headers = ["authorization", "x-api-key", "content-type", "anthropic-version", "anthropic-beta"];

    /// <summary>Header families allowed whole: OpenAI's (<c>openai-organization</c>, …), the gateway's, and the SDKs' own telemetry.</summary>
    private static readonly string[] HeaderPrefixes = ["openai-", "x-gateway-", "x-stainless-"];

    private static readonly string[] Exposed =
    [
        GatewayHeaders.Backend, GatewayHeaders.Model, GatewayHeaders.Attempts, GatewayHeaders.Mock, GatewayHeaders.ConfigVersion,
        ObservabilityHeaders.OverheadMs, ObservabilityHeaders.CostUsd, ObservabilityHeaders.UsageEstimated, "retry-after",
    ];

    /// <summary>How long a browser may keep a preflight's answer.</summary>
    private static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        var server = RequestSnapshot.Of(context).Config.Server;
        var origin = context.Request.Headers.Origin.ToString();
        if (!BrowserAccess.AllowsOrigin(server, origin))
        {
            return Task.FromResult<CorsPolicy?>(null);
        }

        var policy = new CorsPolicyBuilder()
            .WithOrigins(origin)
            .AllowAnyMethod()
            .WithHeaders([.. Headers, .. Requested(context.Request.Headers.AccessControlRequestHeaders)])
            .WithExposedHeaders(Exposed)
            .SetPreflightMaxAge(PreflightMaxAge)
            .Build();
        return Task.FromResult<CorsPolicy?>(policy);
    }

    /// <summary>The headers a preflight asks for that belong to an allowed family; CORS policies list names, not patterns.</summary>
    private static IEnumerable<string> Requested(StringValues requested)
    {
        foreach (var value in requested)
        {
            foreach (var name in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (HeaderPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
                {
                    yield return name;
                }
            }
        }
    }
}
