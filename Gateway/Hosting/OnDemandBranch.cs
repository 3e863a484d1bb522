namespace Gateway.Hosting;

/// <summary>
/// A conditional middleware branch, like <c>UseWhen</c>, whose middlewares are built by the first request that takes it instead of at
/// startup. Some middlewares start work the moment they exist: ASP.NET Core's rate limiter runs a 100 ms timer from its constructor,
/// waking the thread pool ten times a second. A branch no request takes (no <c>server.rate_limit</c>) then costs nothing at all.
/// </summary>
internal static class OnDemandBranch
{
    public static IApplicationBuilder UseWhenOnDemand(this IApplicationBuilder app, Func<HttpContext, bool> predicate, Action<IApplicationBuilder> configure)
    {
        var builder = app.New();
        return app.Use(next =>
        {
            var gate = new Lock();
            RequestDelegate? branch = null;
            return context => predicate(context) ? (Volatile.Read(ref branch) ?? Build())(context) : next(context);

            RequestDelegate Build()
            {
                lock (gate)
                {
                    if (branch is null)
                    {
                        configure(builder);
                        builder.Run(next);
                        Volatile.Write(ref branch, builder.Build());
                    }

                    return branch;
                }
            }
        });
    }
}
