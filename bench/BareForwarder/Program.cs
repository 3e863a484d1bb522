// The floor for any ASP.NET Core gateway on this machine: Kestrel takes the request, one pooled HttpClient sends its body on to the
// upstream, and the answer's bytes go back as they arrive (a stream's events too). No parsing, routing, logging, limits or telemetry. bench/run.sh measures it beside the
// gateway, so the table shows how much of the gateway's cost is the framework and the kernel, and how much is the gateway's own.
//
//   BareForwarder --port 9001 --upstream http://127.0.0.1:9000
using System.Net;

var port = 0;
string? upstream = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--port": port = int.Parse(args[i + 1]); break;
        case "--upstream": upstream = args[i + 1].TrimEnd('/'); break;
    }
}

if (port == 0 || upstream is null)
{
    Console.Error.WriteLine("usage: BareForwarder --port <port> --upstream <http://host:port>");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false"]); // no appsettings.json watcher
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
var app = builder.Build();
var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AutomaticDecompression = DecompressionMethods.None, ActivityHeadersPropagator = null });

app.MapPost("/v1/chat/completions", async context =>
{
    using var request = new HttpRequestMessage(HttpMethod.Post, upstream + "/v1/chat/completions")
    {
        Content = new StreamContent(context.Request.Body),
    };
    request.Content.Headers.ContentType = new("application/json");
    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
    context.Response.StatusCode = (int)response.StatusCode;
    context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
    context.Response.ContentLength = response.Content.Headers.ContentLength;
    await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
});
app.MapGet("/health", () => "ok");
await app.RunAsync();
return 0;
