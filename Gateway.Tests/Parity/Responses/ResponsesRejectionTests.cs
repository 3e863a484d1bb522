using System.Net;
using System.Text.Json;
using Gateway.Tests.Parity.Messages;

namespace Gateway.Tests.Parity.Responses;

/// <summary>
/// What the gateway says before any upstream is asked, on raw HTTP where the SDK would not send it: a request it cannot honour is a
/// 400 in OpenAI's error shape naming the field (<c>param</c>); what a translation merely leaves out (provider hints, OpenAI's built-in
/// tools when only offered) is named in <c>x-gateway-ignored</c>, and an OpenAI backend receives it as sent.
/// </summary>
[Collection(ResponsesCollection.Name)]
public sealed class ResponsesRejectionTests(ResponsesFixture fixture)
{
    /// <summary>What a Codex-like client sends: no storing, encrypted reasoning back, a cache key and a reasoning effort.</summary>
    private const string CodexLike = """
        {"model":"generator","instructions":"You are a coding agent.","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"Hello!"}]}],
         "store":false,"include":["reasoning.encrypted_content"],"prompt_cache_key":"codex-session-1","reasoning":{"effort":"medium","summary":"auto"},"stream":false}
        """;

    public static TheoryData<string> Backends() => ResponsesFailureTests.Backends();

    public static TheoryData<string> TranslatedBackends() => [.. ResponsesBackend.All.Where(b => b.Name != "openai").Select(b => b.Name)];

    /// <summary>Requests no backend can serve: the body, the field it must name, and the code where OpenAI's is known (§4.4).</summary>
    public static TheoryData<string, string, string, string?> Unservable() => new()
    {
        { "openai", """{"model":"generator","input":"Hello!","background":true}""", "background", null },
        { "ollama", """{"model":"generator","input":"Hello!","background":true}""", "background", null },
        { "openai", """{"model":"generator","input":[{"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{}"},{"type":"function_call_output","output":"18 degrees"}]}""", "input", null },
        { "anthropic", """{"model":"generator","input":[{"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{}"},{"type":"function_call_output","output":"18 degrees"}]}""", "input", null },
        { "openai", """{"model":"generator","input":"Hello!","text":{"format":{"type":"json_schema","schema":{"type":"object"}}}}""", "text.format.name", "missing_required_parameter" },
        { "lmstudio", """{"model":"generator","input":"Hello!","text":{"format":{"type":"json_schema","schema":{"type":"object"}}}}""", "text.format.name", "missing_required_parameter" },
    };

    [Theory]
    [MemberData(nameof(Unservable))]
    public async Task Responses_RequestNoBackendCanServe_400NamingTheFieldAndNoUpstreamCall(string backendName, string body, string param, string? code)
    {
        var (stub, gateway) = fixture.For(ResponsesBackend.Named(backendName));
        var before = stub.RequestCount;

        var (status, _, answer) = await ResponsesStreamWireTests.PostAsync(gateway.Http, body);

        AssertError(answer, status, param, code);
        Assert.Equal(before, stub.RequestCount);
    }

    [Theory]
    [MemberData(nameof(TranslatedBackends))]
    public async Task Responses_WebSearchRequiredByToolChoiceOnATranslatedBackend_400NamingToolChoiceAndNoUpstreamCall(string backendName)
    {
        var (stub, gateway) = fixture.For(ResponsesBackend.Named(backendName));
        var before = stub.RequestCount;

        var (status, _, answer) = await ResponsesStreamWireTests.PostAsync(
            gateway.Http, """{"model":"generator","input":"What's new today?","tools":[{"type":"web_search"}],"tool_choice":{"type":"web_search"}}""");

        AssertError(answer, status, "tool_choice", null);
        Assert.Contains("web_search", Error(answer).Text("message"), StringComparison.Ordinal);
        Assert.Equal(before, stub.RequestCount);
    }

    [Theory]
    [MemberData(nameof(TranslatedBackends))]
    public async Task Responses_WebSearchOfferedBesideAFunctionOnATranslatedBackend_TheFunctionSentAndWebSearchNamedAsIgnored(string backendName)
    {
        var backend = ResponsesBackend.Named(backendName);
        var (stub, gateway) = fixture.For(backend);
        stub.Responder = ResponsesMatrixTests.Answer(backend.Render(ResponsesReplies.First(ResponsesScenario.Text), stream: false));
        var body = $$"""
            {"model":"generator","input":"Hello!","tools":[{"type":"web_search"},
             {"type":"function","name":"{{MessagesRequests.ToolName}}","description":"{{MessagesRequests.ToolDescription}}","parameters":{{MessagesRequests.ToolSchema}}}]}
            """;

        using var response = await gateway.Http.PostAsync("/v1/responses", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tools.web_search", Assert.Single(response.Headers.GetValues("x-gateway-ignored")));
        Assert.Equal([MessagesRequests.ToolName], backend.Read(stub.Requests[^1]).Tools.Select(tool => tool.Name));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Responses_UnknownPreviousResponseId_400PreviousResponseNotFoundInOpenAisWords(string backendName)
    {
        var (stub, gateway) = fixture.For(ResponsesBackend.Named(backendName));
        var before = stub.RequestCount;
        const string unknown = "resp_0000000000000000000000000000000000000000000000ff";

        var (status, _, answer) = await ResponsesStreamWireTests.PostAsync(gateway.Http, $$"""{"model":"generator","input":"And then?","previous_response_id":"{{unknown}}"}""");

        AssertError(answer, status, "previous_response_id", "previous_response_not_found");
        Assert.Equal($"Previous response with id '{unknown}' not found.", Error(answer).Text("message"));
        Assert.Equal(before, stub.RequestCount);
    }

    [Theory]
    [MemberData(nameof(TranslatedBackends))]
    public async Task Responses_CodexLikeRequestOnATranslatedBackend_AnsweredAndWhatWasLeftOutNamedInXGatewayIgnored(string backendName)
    {
        var backend = ResponsesBackend.Named(backendName);
        var (stub, gateway) = fixture.For(backend);
        stub.Responder = ResponsesMatrixTests.Answer(backend.Render(ResponsesReplies.First(ResponsesScenario.Text), stream: false));

        using var response = await gateway.Http.PostAsync("/v1/responses", new StringContent(CodexLike, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ignored = Assert.Single(response.Headers.GetValues("x-gateway-ignored")).Split(',', StringSplitOptions.TrimEntries);
        Assert.Equal(["include", "prompt_cache_key", "reasoning", "store"], ignored.Order(StringComparer.Ordinal));
        var asked = backend.Read(stub.Requests[^1]);
        Assert.Equal(("You are a coding agent.", "user: 'Hello!'"), (asked.System, string.Join(" | ", asked.Turns)));
    }

    [Fact]
    public async Task Responses_CodexLikeRequestOnTheOpenAiBackend_SentAsSentAndNothingNamedAsIgnored()
    {
        var backend = ResponsesBackend.Named("openai");
        var (stub, gateway) = fixture.For(backend);
        stub.Responder = ResponsesMatrixTests.Answer(backend.Render(ResponsesReplies.First(ResponsesScenario.Text), stream: false));

        using var response = await gateway.Http.PostAsync("/v1/responses", new StringContent(CodexLike, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("x-gateway-ignored"), "an OpenAI backend is sent every field");
        var sent = stub.Requests[^1].Json;
        using var client = JsonDocument.Parse(CodexLike);
        foreach (var field in (string[])["store", "include", "prompt_cache_key", "reasoning", "instructions", "input"])
        {
            JsonAssert.SameJson(client.RootElement.At(field).GetRawText(), sent.At(field).GetRawText());
        }
    }

    private static void AssertError(string answer, HttpStatusCode status, string param, string? code)
    {
        Assert.True(status == HttpStatusCode.BadRequest, $"HTTP {(int)status}: {answer}");
        var error = Error(answer);
        Assert.Equal(("invalid_request_error", param), (error.Text("type"), error.Text("param")));
        if (code is not null)
        {
            Assert.Equal(code, error.Text("code"));
        }

        Assert.NotEmpty(error.Text("message"));
    }

    private static JsonElement Error(string answer) => JsonDocument.Parse(answer).RootElement.At("error");
}
