using System.Net;
using System.Text.Json;
using Gateway.Tests.Api;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Tools;

/// <summary>
/// <c>GET /tools</c> and <c>POST /tools/{name}/invoke</c> end to end: the gateway on loopback, stub upstreams speaking each protocol,
/// the result shape, streaming, conversations, fallbacks, and ProblemDetails for everything the caller can get wrong.
/// </summary>
public sealed class ToolsEndpointTests
{
    internal static string Translator(string ollamaUrl) => $$$"""
        llm:
          backend: "ollama"
          global_defaults: {temperature: 0.7, max_tokens: 4096}
          ollama:
            base_url: "{{{ollamaUrl}}}"
            models: {writer: "mistral-nemo", triage: "tinyllama"}
        tools:
          translator:
            description: "Translates text"
            system_prompt: "You translate faithfully."
            prompt_template: "Translate into {language}:\n\n{input}"
            temperature: 0.2
            llm: {model_key: "writer"}
          triage: {llm: {model_key: "triage", max_tokens: 64}}
        """;

    [Fact]
    public async Task ListTools_EveryTool_ShowsWhereItRunsAndWhatItNeeds()
    {
        await using var gateway = await TestGateway.StartAsync(Translator("http://127.0.0.1:1"));

        using var list = JsonDocument.Parse(await gateway.Http.GetStringAsync("/tools"));

        var tools = list.RootElement.GetProperty("tools");
        Assert.Equal(2, tools.GetArrayLength());
        var translator = tools[0];
        Assert.Equal("translator", translator.GetProperty("name").GetString());
        Assert.Equal("Translates text", translator.GetProperty("description").GetString());
        Assert.Equal("ollama", translator.GetProperty("backend").GetString());
        Assert.Equal("mistral-nemo", translator.GetProperty("model").GetString());
        Assert.Equal("writer", translator.GetProperty("model_key").GetString());
        Assert.Equal(["language", "input"], translator.GetProperty("input_variables").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["input"], tools[1].GetProperty("input_variables").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Invoke_InputAndVariables_SendsSystemPromptAndRenderedTemplateAndAnswersTheResult()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Translator(ollama.Url));

        using var response = await Post(gateway, "/tools/translator/invoke", """{"input":"Good morning","variables":{"language":"French"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = result.RootElement;
        Assert.Equal("translator", root.GetProperty("tool").GetString());
        Assert.Equal("ollama", root.GetProperty("backend").GetString());
        Assert.Equal("mistral-nemo", root.GetProperty("model").GetString());
        Assert.Equal(OllamaPayloads.ChatContent, root.GetProperty("output").GetString());
        Assert.Equal((26, 298, 324), Usage(root.GetProperty("usage")));
        Assert.Equal(1, root.GetProperty("attempts").GetInt32());
        Assert.Equal("stop", root.GetProperty("finish_reason").GetString());
        Assert.Equal("ollama", Header(response, "x-gateway-backend"));

        var sent = Assert.Single(ollama.Requests).Json;
        Assert.Equal("mistral-nemo", sent.GetProperty("model").GetString());
        Assert.Equal(
            [("system", "You translate faithfully."), ("user", "Translate into French:\n\nGood morning")],
            Messages(sent));
        Assert.Equal(0.2, sent.GetProperty("options").GetProperty("temperature").GetDouble());
        Assert.Equal(4096, sent.GetProperty("options").GetProperty("num_predict").GetInt32());
    }

    [Fact]
    public async Task Invoke_CallerTemperatureAndMaxTokens_BeatTheToolAndGlobalDefaults()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Translator(ollama.Url));

        using var response = await Post(gateway, "/tools/triage/invoke", """{"input":"is 2 > 1?","temperature":0,"max_tokens":5}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var options = Assert.Single(ollama.Requests).Json.GetProperty("options");
        Assert.Equal((0.0, 5), (options.GetProperty("temperature").GetDouble(), options.GetProperty("num_predict").GetInt32()));
    }

    [Fact]
    public async Task Invoke_Stream_StreamsChatChunksWithUsageAndDone()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Translator(ollama.Url));

        using var response = await Post(gateway, "/tools/translator/invoke", """{"input":"Good morning","variables":{"language":"French"},"stream":true}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        Assert.All(chunks, chunk => Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString()));
        Assert.Contains(chunks, chunk => chunk.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object);
        Assert.True(Assert.Single(ollama.Requests).JsonBool("stream"));
    }

    [Fact]
    public async Task Invoke_Messages_ContinuesTheConversationAfterTheToolsSystemPrompt()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Translator(ollama.Url));

        using var response = await Post(gateway, "/tools/translator/invoke", """
            {"messages":[{"role":"user","content":"Translate into German: thanks"},{"role":"assistant","content":"Danke"}],
             "input":"and goodbye?","variables":{"language":"German"}}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [("system", "You translate faithfully."), ("user", "Translate into German: thanks"), ("assistant", "Danke"), ("user", "Translate into German:\n\nand goodbye?")],
            Messages(Assert.Single(ollama.Requests).Json));
    }

    [Fact]
    public async Task Invoke_ToolWithoutAnyModelToRun_422AndTheListingSayWhatToConfigure()
    {
        await using var gateway = await TestGateway.StartAsync("llm:\n  ollama: {}\ntools:\n  cheap_tool: {type: \"llm\"}\n");

        using var response = await Post(gateway, "/tools/cheap_tool/invoke", """{"input":"x"}""");

        var problem = await Problem(response, HttpStatusCode.UnprocessableEntity);
        const string Why = "Tool 'cheap_tool' names no model and backend 'ollama' has no model key to run; set tools.cheap_tool.llm.model_key or llm.model in the config.";
        Assert.Equal(Why, problem.GetProperty("detail").GetString());
        using var list = JsonDocument.Parse(await gateway.Http.GetStringAsync("/tools"));
        Assert.Equal(Why, list.RootElement.GetProperty("tools")[0].GetProperty("problem").GetString());
    }

    [Fact]
    public async Task Invoke_PrimaryAnswers500_FallsBackToTheSameModelKeyLikeChat()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        openai.Enqueue(StubResponse.Json(500, OpenAiPayloads.ServerError));
        await using var gateway = await TestGateway.StartAsync(FallbackTests.TwoBackends(openai.Url + "/v1", ollama.Url) + """

            tools:
              code_generator: {llm: {model_key: "generator"}}
            """);

        using var response = await Post(gateway, "/tools/code_generator/invoke", """{"input":"a binary search in C#"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(("ollama", "qwen2.5-coder:14b", 2), (result.RootElement.GetProperty("backend").GetString(), result.RootElement.GetProperty("model").GetString(), result.RootElement.GetProperty("attempts").GetInt32()));
        Assert.Single(openai.Requests);
        Assert.Equal("gpt-4", openai.Requests[0].JsonString("model"));
    }

    [Fact]
    public async Task Invoke_EveryCandidateFails_ProblemDetailsWithTheVerdictAndAttempts()
    {
        await using var gateway = await TestGateway.StartAsync(FallbackTests.TwoBackends(ClosedPort.Url() + "/v1", ClosedPort.Url()) + """

            tools:
              code_generator: {llm: {model_key: "generator"}}
            """);

        using var response = await Post(gateway, "/tools/code_generator/invoke", """{"input":"x"}""");

        var problem = await Problem(response, HttpStatusCode.ServiceUnavailable);
        Assert.StartsWith("All 2 attempts failed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(("upstream_unavailable", 2, "code_generator"), (problem.GetProperty("code").GetString(), problem.GetProperty("attempts").GetInt32(), problem.GetProperty("tool").GetString()));
        Assert.True(response.Headers.RetryAfter is not null);
    }

    internal static Task<HttpResponseMessage> Post(TestGateway gateway, string path, string json) =>
        gateway.Http.PostAsync(path, OllamaChatTests.Json(json));

    internal static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private static (int, int, int) Usage(JsonElement usage) =>
        (usage.GetProperty("prompt_tokens").GetInt32(), usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());

    private static (string?, string?)[] Messages(JsonElement body) =>
        [.. body.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString()))];
}
