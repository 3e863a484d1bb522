using System.Text.Json;
using Gateway.Tests.Upstreams;
using static Gateway.Tests.Parity.Messages.MessagesRequests;

namespace Gateway.Tests.Parity.Messages;

/// <summary>
/// The three OpenAI-style rows (OpenAI, Azure, LM Studio): the decoded Chat Completions body goes upstream as the gateway built it,
/// so every row checks the same translation of the Anthropic request, under its own path, auth and token-limit field.
/// </summary>
internal abstract class OpenAiStyleMessagesBackend : MessagesBackend
{
    protected abstract OpenAiStyleDialect Dialect { get; }

    /// <summary>Where the backend reads the token limit (the other field must be absent); null where either is sent.</summary>
    protected abstract string? TokenLimitField { get; }

    public override StubResponse Render(Reply reply, bool stream) => OpenAiStyleWire.Render(reply, stream, Dialect, CallId);

    public override StubResponse RateLimited(int seconds) => OpenAiPayloads.RateLimited(seconds);

    public override StubResponse ServerError() => StubResponse.Json(500, OpenAiPayloads.ServerError);

    /// <summary>Path, query and auth of a chat request to this backend.</summary>
    protected abstract void AssertRoute(RecordedRequest request);

    public override void AssertRequest(MessagesScenario scenario, bool stream, RecordedRequest request)
    {
        Assert.Equal("POST", request.Method);
        AssertRoute(request);
        var body = request.Json;
        Assert.Equal(stream, body.TryGetProperty("stream", out var flag) && flag.GetBoolean());
        Assert.Equal(stream, body.TryGetProperty("stream_options", out var options) && options.At("include_usage").GetBoolean());
        AssertTokenLimit(body, MaxTokensOf(scenario));
        Assert.False(body.Has("thinking"), "thinking is Anthropic's; a Chat Completions server refuses unknown fields");
        Assert.False(body.Has("system"), "the system prompt is a message here");

        var messages = body.At("messages");
        switch (scenario)
        {
            case MessagesScenario.PlainText or MessagesScenario.UpstreamRefusal:
                AssertMessage(messages, 0, "system", SystemPrompt);
                AssertMessage(messages, 1, "user", Question);
                Assert.Equal(2, messages.GetArrayLength());
                break;
            case MessagesScenario.SystemBlocks:
                AssertMessage(messages, 0, "system", SystemPrompt, SecondSystemBlock);
                AssertMessage(messages, 1, "user", Question);
                break;
            case MessagesScenario.MultiTurn:
                AssertMessage(messages, 0, "system", SystemPrompt);
                AssertMessage(messages, 1, "user", Question);
                AssertMessage(messages, 2, "assistant", EarlierAnswer);
                AssertMessage(messages, 3, "user", FollowUp);
                Assert.Equal(4, messages.GetArrayLength());
                break;
            case MessagesScenario.OneTool or MessagesScenario.ParallelTools:
                AssertMessage(messages, 0, "user", WeatherQuestion);
                AssertTool(body);
                Assert.Equal("auto", body.Text("tool_choice"));
                Assert.False(body.Has("parallel_tool_calls"));
                break;
            case MessagesScenario.ForcedTool:
                AssertTool(body);
                Assert.Equal(("function", ToolName), (body.Text("tool_choice", "type"), body.Text("tool_choice", "function", "name")));
                Assert.False(body.At("parallel_tool_calls").GetBoolean());
                break;
            case MessagesScenario.ToolResults:
                AssertTool(body);
                AssertMessage(messages, 0, "user", WeatherQuestion);
                AssertMessage(messages, 1, "assistant", CallsPreamble);
                var calls = messages.At(1, "tool_calls");
                Assert.Equal(EarlierCalls.Count, calls.GetArrayLength());
                for (var i = 0; i < EarlierCalls.Count; i++)
                {
                    Assert.Equal(EarlierCalls[i].Id, calls.Text(i, "id"));
                    Assert.Equal(ToolName, calls.Text(i, "function", "name"));
                    JsonAssert.SameJson($$"""{"city":"{{EarlierCalls[i].City}}"}""", calls.Text(i, "function", "arguments"));
                }

                // All results right after the calls, in the calls' order, then the user's text.
                AssertResult(messages, 2, EarlierCalls[0].Id, ParisResult);
                AssertResult(messages, 3, EarlierCalls[1].Id, RomeResultFirst + RomeResultSecond);
                AssertResult(messages, 4, EarlierCalls[2].Id, OsloError);
                Assert.StartsWith("Error", messages.Text(4, "content"), StringComparison.Ordinal);
                AssertMessage(messages, 5, "user", AfterResults);
                Assert.Equal(6, messages.GetArrayLength());
                break;
            case MessagesScenario.ImageBase64 or MessagesScenario.ImageUrl:
                var parts = messages.At(0, "content");
                Assert.Equal("text", parts.Text(0, "type"));
                Assert.Equal(ImageQuestion, parts.Text(0, "text"));
                Assert.Equal("image_url", parts.Text(1, "type"));
                var url = scenario == MessagesScenario.ImageUrl ? ImageUrl : $"data:image/png;base64,{PngBase64}";
                Assert.Equal(url, parts.Text(1, "image_url", "url"));
                break;
            case MessagesScenario.StopSequence:
                Assert.Equal([StopSequence], body.At("stop").EnumerateArray().Select(s => s.GetString()));
                break;
        }
    }

    private void AssertTokenLimit(JsonElement body, int limit)
    {
        string[] fields = ["max_tokens", "max_completion_tokens"];
        var sent = fields.Where(field => body.Has(field)).ToList();
        Assert.Equal(limit, body.At(Assert.Single(sent)).GetInt32());
        if (TokenLimitField is { } field)
        {
            Assert.Equal(field, sent[0]);
        }
    }

    /// <summary>The message's role and its text, as a string or as text parts in order.</summary>
    private static void AssertMessage(JsonElement messages, int index, string role, params string[] texts)
    {
        Assert.Equal(role, messages.Text(index, "role"));
        var content = messages.At(index, "content");
        string[] seen = content.ValueKind == JsonValueKind.String
            ? [content.GetString()!]
            : [.. content.EnumerateArray().Select(part => part.Text("text"))];
        Assert.Equal(texts, seen);
    }

    private static void AssertResult(JsonElement messages, int index, string callId, string text)
    {
        Assert.Equal("tool", messages.Text(index, "role"));
        Assert.Equal(callId, messages.Text(index, "tool_call_id"));
        Assert.Contains(text, messages.Text(index, "content"), StringComparison.Ordinal);
    }

    private static void AssertTool(JsonElement body)
    {
        var tool = body.At("tools", 0);
        Assert.Equal("function", tool.Text("type"));
        Assert.Equal(ToolName, tool.Text("function", "name"));
        Assert.Equal(ToolDescription, tool.Text("function", "description"));
        JsonAssert.SameJson(ToolSchema, tool.At("function", "parameters").GetRawText());
    }
}

/// <summary>OpenAI (§1): Bearer auth, the model in the body, refusal keys.</summary>
internal sealed class OpenAiMessagesBackend : OpenAiStyleMessagesBackend
{
    public override string Name => "openai";

    public override bool Reasons => false;

    protected override OpenAiStyleDialect Dialect { get; } = new("chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL", "gpt-4o-2024-08-06", "fp_5050236cbd", SendsRefusal: true, AzureFilters: false);

    /// <summary>OpenAI is sent its current field, which reasoning models require (the deprecated <c>max_tokens</c> they refuse).</summary>
    protected override string? TokenLimitField => "max_completion_tokens";

    public override string? CallId(int index) => $"call_c91SqDXlYFuETYv8mUHzz6p{index}";

    public override Refusal Refusal() => new(OpenAiPayloads.Unauthorized(), 401, "authentication_error", "Incorrect API key provided");

    protected override void AssertRoute(RecordedRequest request)
    {
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {Parity.ApiKey}", request.Header("Authorization"));
        Assert.Equal(Parity.Model, request.JsonString("model"));
    }
}

/// <summary>Azure OpenAI (§2): the deployment in the URL, <c>api-key</c>, no model in the body, <c>max_tokens</c>, filter annotations.</summary>
internal sealed class AzureMessagesBackend : OpenAiStyleMessagesBackend
{
    public override string Name => "azure";

    public override bool Reasons => false;

    protected override OpenAiStyleDialect Dialect { get; } = new("chatcmpl-7rCNsVeZy0PGnX3H6jK8STps5nZUY", "gpt-4o-2024-08-06", null, SendsRefusal: false, AzureFilters: true);

    protected override string? TokenLimitField => "max_tokens";

    public override string? CallId(int index) => $"call_abc12{index}";

    public override Refusal Refusal() => new(AzurePayloads.ContentFiltered(), 400, "invalid_request_error", "filtered: self_harm (medium)");

    public override StubResponse RateLimited(int seconds) => AzurePayloads.RateLimited(seconds);

    protected override void AssertRoute(RecordedRequest request)
    {
        Assert.Equal($"/openai/deployments/{AzureParity.Deployment}/chat/completions", request.Path);
        Assert.Equal(AzureParity.ApiVersion, request.Query("api-version"));
        Assert.Equal(Parity.ApiKey, request.Header("api-key"));
        Assert.Null(request.Header("Authorization"));
        Assert.False(request.Json.Has("model"), "Azure's URL names the deployment");
    }
}

/// <summary>LM Studio (§5): OpenAI's protocol, numeric tool-call ids, <c>reasoning_content</c>, <c>max_tokens</c>.</summary>
internal sealed class LmStudioMessagesBackend : OpenAiStyleMessagesBackend
{
    public override string Name => "lmstudio";

    public override bool Reasons => true;

    protected override OpenAiStyleDialect Dialect { get; } = new("chatcmpl-gb1t1uqzefudice8ntxd9i", "qwen2.5-7b-instruct", "qwen2.5-7b-instruct", SendsRefusal: false, AzureFilters: false);

    protected override string? TokenLimitField => "max_tokens";

    public override string? CallId(int index) => $"36517448{index}";

    public override Refusal Refusal() => new(
        StubResponse.Json(404, LmStudioPayloads.ModelNotFoundError(Parity.Model, ["gemma-3-27b-it-qat", "qwen3-32b"])),
        404,
        "not_found_error",
        $"Model \"{Parity.Model}\" not found");

    protected override void AssertRoute(RecordedRequest request)
    {
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {Parity.ApiKey}", request.Header("Authorization"));
        Assert.Equal(Parity.Model, request.JsonString("model"));
    }
}
