namespace Gateway.Hosting;

/// <summary>
/// A conditional middleware branch, like <c>UseWhen</c>, whose middlewares are built by the first request that takes it instead of at
/// startup. Some middlewares start work the moment they exist: ASP.NET Core's rate limiter runs a 100 ms timer from its constructor,
/// waking the thread pool ten times a second. A branch no request takes (no <c>server.rate_limit</c>) then costs nothing at all.
/// </summary>
internal static class OnDemandBranch
{
    public static IApplicationBuilder UseWhenOnDemand(this IApplicationBuilder app, Func<HttpContext, bool> predicate, Action<IApplicationBuilder> configure) =>
        app.Use(next =>
        {
            // Built once, however many requests arrive together: a second build would start a second set of timers.
            var branch = new Lazy<RequestDelegate>(() =>
            {
                var builder = app.New();
                configure(builder);
                builder.Run(next);
                return builder.Build();
            });
            return context => predicate(context) ? branch.Value(context) : next(context);
        });
}
