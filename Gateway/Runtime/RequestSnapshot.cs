namespace Gateway.Runtime;

/// <summary>
/// The config snapshot a request runs under: taken once, by the first middleware, and read from there by everything after it (key check,
/// limits, rate limiter, observation, endpoints), so a reload changes only the requests that start after it, never one halfway.
/// </summary>
internal static class RequestSnapshot
{
    /// <summary>The snapshot <paramref name="context"/>'s request started with.</summary>
    public static GatewayRuntime.Snapshot Of(HttpContext context) =>
        context.Features.Get<GatewayRuntime.Snapshot>()
        ?? throw new InvalidOperationException("No config snapshot on this request: UseRequestSnapshot must be the first middleware.");

    /// <summary>Takes the snapshot in force for every request, before any other middleware runs.</summary>
    public static WebApplication UseRequestSnapshot(this WebApplication app)
    {
        var runtime = app.Services.GetRequiredService<GatewayRuntime>();
        app.Use((context, next) =>
        {
            context.Features.Set(runtime.Current);
            return next(context);
        });
        return app;
    }
}
