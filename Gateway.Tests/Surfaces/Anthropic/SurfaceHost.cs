using System.Net;
using Anthropic;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Surfaces.Anthropic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Surfaces.Anthropic;

/// <summary>
/// A loopback server whose <c>POST /v1/messages</c> answers through <see cref="AnthropicMessagesSurface"/> exactly as the dispatcher
/// drives it (a whole answer, a stream of chunks then its end or error, or an error answer), so that the official Anthropic SDK
/// can be pointed at it and parse what the surface writes.
/// </summary>
internal sealed class SurfaceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SurfaceHost(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public static Task<SurfaceHost> AnswerAsync(ChatCompletion completion) =>
        StartAsync((surface, context) => surface.WriteAnswerAsync(context.Response, completion, context.RequestAborted));

    public static Task<SurfaceHost> ErrorAsync(ApiError error) => StartAsync((surface, context) => surface.WriteErrorAsync(context.Response, error));

    public static Task<SurfaceHost> StreamAsync(IReadOnlyList<ChatChunk> chunks, ApiError? error = null) => StartAsync(async (surface, context) =>
    {
        var encoder = surface.StartStream(context.Response);
        var body = context.Response.BodyWriter;
        foreach (var chunk in chunks)
        {
            encoder.WriteEvent(body, chunk);
            await body.FlushAsync(context.RequestAborted);
        }

        if (error is null)
        {
            encoder.WriteEnd(body);
        }
        else
        {
            encoder.WriteError(body, error);
        }

        await body.FlushAsync(context.RequestAborted);
    });

    /// <summary>The SDK as an application would configure it, with strict response validation and no retries.</summary>
    public AnthropicClient Client() => new(new global::Anthropic.Core.ClientOptions
    {
        BaseUrl = Url,
        ApiKey = "sk-ant-test",
        ResponseValidation = true,
        MaxRetries = 0,
        Timeout = TimeSpan.FromSeconds(30),
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<SurfaceHost> StartAsync(Func<AnthropicMessagesSurface, HttpContext, Task> answer)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var surface = new AnthropicMessagesSurface(EncodedStream.Redactor());
        app.UseRouting();
        app.MapPost("/v1/messages", context => answer(surface, context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new SurfaceHost(app, address.TrimEnd('/'));
    }
}
