using Gateway.Tests.Parity.Messages;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Parity.Responses;

/// <summary>
/// One backend row of the <c>/v1/responses</c> matrix: how it says a <see cref="Reply"/> on the wire, what it can do, and how its
/// request reads as an <see cref="UpstreamView"/> (its route and auth asserted on the way). The config, key and model are the chat
/// matrix's row (<see cref="ParityBackend"/>); the translated backends answer as the Messages matrix's stand-ins do.
/// </summary>
internal abstract class ResponsesBackend
{
    public static IReadOnlyList<ResponsesBackend> All { get; } =
        [new OpenAiResponsesBackend(), new AzureResponsesBackend(), new AnthropicResponsesBackend(), new OllamaResponsesBackend(), new LmStudioResponsesBackend()];

    public abstract string Name { get; }

    public ParityBackend Parity => ParityBackend.Named(Name);

    /// <summary>The Messages matrix's row for the same backend, whose errors (and, translated, answers) this one says alike.</summary>
    protected MessagesBackend Messages => MessagesBackend.Named(Name);

    /// <summary>The backend returns reasoning (a Responses <c>reasoning</c> item, <c>reasoning_content</c>, <c>thinking</c>).</summary>
    public abstract bool Reasons { get; }

    /// <summary>The backend's protocol gives calls ids, and results name them by id (Ollama's name the tool instead).</summary>
    public virtual bool CarriesCallIds => true;

    /// <summary>The backend's protocol carries a JSON schema's name (Ollama's <c>format</c> and Anthropic's prompt do not).</summary>
    public virtual bool NamesSchema => true;

    public bool Covers(ResponsesScenario scenario) => scenario != ResponsesScenario.Reasoning || Reasons;

    /// <summary>The id the backend gives call <paramref name="index"/> of an answer; null when it gives none and the gateway makes one.</summary>
    public virtual string? CallId(int index) => Messages.CallId(index);

    public virtual StubResponse Render(Reply reply, bool stream) => Messages.Render(reply, stream);

    /// <summary>A stream that starts, sends its first text and then fails in the backend's own way.</summary>
    public virtual MidStreamFailure MidStreamFailure() => Parity.MidStreamFailure();

    /// <summary>A 4xx refusal in the backend's shape and what the OpenAI client must read of it (the chat matrix's).</summary>
    public ParityAnswer Refusal(bool stream) => Parity.Answer(ParityScenario.UpstreamError, stream);

    public StubResponse RateLimited(int seconds) => Messages.RateLimited(seconds);

    public StubResponse ServerError() => Messages.ServerError();

    /// <summary>Asserts the request's route, auth and model, and reads what it asks.</summary>
    public abstract UpstreamView Read(RecordedRequest request);

    public static ResponsesBackend Named(string name) => All.Single(backend => backend.Name == name);

    public override string ToString() => Name;
}

/// <summary>OpenAI: the client's Responses body goes to <c>/v1/responses</c> as sent, the model and the chain expanded; answers unchanged.</summary>
internal sealed class OpenAiResponsesBackend : ResponsesBackend
{
    public override string Name => "openai";

    public override bool Reasons => true;

    public override string? CallId(int index) => ResponsesWire.CallId(index);

    public override StubResponse Render(Reply reply, bool stream) => ResponsesWire.Render(reply, stream);

    public override MidStreamFailure MidStreamFailure() => ResponsesWire.MidStreamFailure();

    public override UpstreamView Read(RecordedRequest request)
    {
        Assert.Equal(("POST", "/v1/responses"), (request.Method, request.Path));
        Assert.Equal($"Bearer {Parity.ApiKey}", request.Header("Authorization"));
        Assert.Equal(Parity.Model, request.JsonString("model"));
        Assert.False(request.Json.Has("previous_response_id"), "the gateway expands the chain itself: the upstream never sees the gateway's ids");
        return UpstreamReaders.Responses(request.Json);
    }
}

/// <summary>Chat Completions backends: the translation, under the backend's own path, auth and token-limit field.</summary>
internal abstract class ChatResponsesBackend : ResponsesBackend
{
    public override bool Reasons => Messages.Reasons;

    protected abstract void AssertRoute(RecordedRequest request);

    public override UpstreamView Read(RecordedRequest request)
    {
        Assert.Equal("POST", request.Method);
        AssertRoute(request);
        var body = request.Json;
        Assert.False(body.Has("max_tokens") && body.Has("max_completion_tokens"), "one token limit, not two");
        Assert.False(body.Has("max_completion_tokens"), "this backend reads max_tokens");
        Assert.False(body.Has("input") || body.Has("instructions") || body.Has("previous_response_id"), "Responses fields sent to a chat backend");
        return UpstreamReaders.Chat(body);
    }
}

internal sealed class AzureResponsesBackend : ChatResponsesBackend
{
    public override string Name => "azure";

    protected override void AssertRoute(RecordedRequest request)
    {
        Assert.Equal($"/openai/deployments/{AzureParity.Deployment}/chat/completions", request.Path);
        Assert.Equal(AzureParity.ApiVersion, request.Query("api-version"));
        Assert.Equal(Parity.ApiKey, request.Header("api-key"));
        Assert.False(request.Json.Has("model"), "Azure's URL names the deployment");
    }
}

internal sealed class LmStudioResponsesBackend : ChatResponsesBackend
{
    public override string Name => "lmstudio";

    protected override void AssertRoute(RecordedRequest request)
    {
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {Parity.ApiKey}", request.Header("Authorization"));
        Assert.Equal(Parity.Model, request.JsonString("model"));
    }
}

internal sealed class AnthropicResponsesBackend : ResponsesBackend
{
    public override string Name => "anthropic";

    public override bool Reasons => true;

    public override bool NamesSchema => false;

    public override UpstreamView Read(RecordedRequest request)
    {
        Assert.Equal(("POST", "/v1/messages"), (request.Method, request.Path));
        Assert.Equal(Parity.ApiKey, request.Header("x-api-key"));
        Assert.NotNull(request.Header("anthropic-version"));
        Assert.Equal(Parity.Model, request.JsonString("model"));
        Assert.True(request.Json.At("max_tokens").GetInt32() > 0, "Anthropic requires max_tokens");
        return UpstreamReaders.Anthropic(request.Json);
    }
}

internal sealed class OllamaResponsesBackend : ResponsesBackend
{
    public override string Name => "ollama";

    public override bool Reasons => true;

    public override bool CarriesCallIds => false;

    public override bool NamesSchema => false;

    public override UpstreamView Read(RecordedRequest request)
    {
        Assert.Equal(("POST", "/api/chat"), (request.Method, request.Path));
        Assert.Null(request.Header("Authorization"));
        Assert.Equal(Parity.Model, request.JsonString("model"));
        Assert.False(request.Json.Has("max_tokens"), "Ollama reads options.num_predict");
        return UpstreamReaders.Chat(request.Json);
    }
}
