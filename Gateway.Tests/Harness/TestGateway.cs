using System.ClientModel;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using OpenAI;
using OpenAI.Chat;

namespace Gateway.Tests.Harness;

/// <summary>
/// The gateway itself, built exactly as <c>Program</c> builds it from a YAML config, listening on a free loopback port (or in process),
/// with a client to it, every log line it writes (<see cref="Logs"/>), and, when started <see cref="TestGatewayBuilder.WithFakeTime"/>,
/// the clock it runs on. Start one with <see cref="StartAsync"/>, or <see cref="For"/> to change what differs.
/// </summary>
internal sealed class TestGateway : IAsyncDisposable
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly FakeTimeProvider? _clock;
    private readonly TimeSpan _watchInterval;

    internal TestGateway(WebApplication app, string configPath, LogCapture logs, FakeTimeProvider? clock, TimeSpan watchInterval, bool inProcess)
    {
        _app = app;
        _clock = clock;
        _watchInterval = watchInterval;
        ConfigPath = configPath;
        Logs = logs;
        if (inProcess)
        {
            Http = app.GetTestClient();
            Http.Timeout = Timeout.InfiniteTimeSpan;
            Url = Http.BaseAddress!.ToString().TrimEnd('/');
        }
        else
        {
            Url = app.Urls.First();
            Http = Client();
        }
    }

    /// <summary>The gateway's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    /// <summary>A client that presents no key.</summary>
    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The config file the gateway was started from and watches.</summary>
    public string ConfigPath { get; }

    public LogCapture Logs { get; }

    /// <summary>The fake clock the gateway runs on; only for a gateway started <see cref="TestGatewayBuilder.WithFakeTime"/>.</summary>
    public FakeTimeProvider Clock =>
        _clock ?? throw new InvalidOperationException("this gateway runs on the system clock; start it WithFakeTime() to move time");

    public static TestGatewayBuilder For(string yaml) => new(yaml);

    /// <summary>Starts the gateway with <paramref name="yaml"/> and every default of <see cref="TestGatewayBuilder"/>.</summary>
    public static Task<TestGateway> StartAsync(string yaml) => For(yaml).StartAsync();

    /// <summary>A client that sends <paramref name="key"/> as <c>Authorization: Bearer</c>.</summary>
    public HttpClient WithBearer(string key)
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>An official OpenAI SDK client pointed at the gateway, as a user would configure it.</summary>
    public OpenAIClient OpenAI(string apiKey = "client-key-not-forwarded") =>
        new(new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(Url + "/v1"), NetworkTimeout = ClientTimeout });

    public ChatClient Chat(string model) => OpenAI().GetChatClient(model);

    /// <summary>Asks for <c>generator</c>, streamed or not, with <paramref name="headers"/>, and reads the whole answer.</summary>
    public async Task<Answer> ChatAsync(bool stream, params (string Name, string Value)[] headers)
    {
        using var response = await SendChatAsync(stream, headers);
        return await Answer.ReadAsync(response);
    }

    /// <summary>The same request, returned as soon as the answer's headers are in, for a test that reads the body as it comes.</summary>
    public async Task<HttpResponseMessage> SendChatAsync(bool stream, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(
                $$"""{"model":"generator","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""",
                Encoding.UTF8,
                "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>
    /// Writes <paramref name="yaml"/> over the config file and moves the fake clock through two looks of the watcher, the most an edit
    /// needs to apply (it applies once it reads the same twice); when this returns the edit is in force, or logged as rejected.
    /// Every timer of the gateway sees that time pass: with requests in flight, watch every few milliseconds
    /// (<see cref="TestGatewayBuilder.WatchConfigEvery"/>) so that no timeout of theirs runs out.
    /// </summary>
    public async Task EditConfigAsync(string yaml)
    {
        await File.WriteAllTextAsync(ConfigPath, yaml);
        Clock.Advance(_watchInterval);
        Clock.Advance(_watchInterval);
    }

    /// <summary>
    /// Moves the fake clock on by <paramref name="step"/> until <paramref name="pending"/> has finished, for a timer the gateway arms at
    /// a moment the test cannot see (the next event's idle timeout); between steps the gateway gets a moment to run and arm it.
    /// Each step moves every timer of the gateway, so use it only once nothing but that one timer is left running (a try that has
    /// still to reach its upstream would time out before it got there).
    /// </summary>
    public async Task<T> AdvanceUntilDoneAsync<T>(Task<T> pending, TimeSpan step)
    {
        using var patience = new CancellationTokenSource(ClientTimeout);
        while (!pending.IsCompleted)
        {
            patience.Token.ThrowIfCancellationRequested();
            Clock.Advance(step);
            await Task.WhenAny(pending, Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None));
        }

        return await pending;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(ConfigPath);
    }

    private HttpClient Client() => new() { BaseAddress = new Uri(Url), Timeout = ClientTimeout };
}
