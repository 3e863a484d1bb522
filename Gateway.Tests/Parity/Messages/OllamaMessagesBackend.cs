using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Tests.Upstreams;
using static Gateway.Tests.Parity.Messages.MessagesRequests;

namespace Gateway.Tests.Parity.Messages;

/// <summary>
/// Ollama's native API (§4): <c>/api/chat</c> with an explicit <c>stream</c>, the limit and stop sequences in <c>options</c>, base64
/// <c>images</c> only, whole tool calls with object arguments and no ids, tool results naming the tool, <c>thinking</c>, NDJSON.
/// </summary>
internal sealed class OllamaMessagesBackend : MessagesBackend
{
    public override string Name => "ollama";

    public override bool Reasons => true;

    public override bool TakesImageUrls => false;

    public override string? CallId(int index) => null;

    public override Refusal Refusal() => new(OllamaPayloads.ModelNotFound(Parity.Model), 404, "not_found_error", $"model '{Parity.Model}' not found");

    /// <summary>A 429 from ollama.com [constructed in the §4.5 error shape].</summary>
    public override StubResponse RateLimited(int seconds) =>
        StubResponse.Json(429, """{"error":"too many requests, please retry later"}""", ("retry-after", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public override StubResponse ServerError() => StubResponse.Json(500, OllamaPayloads.ServerError);

    /// <summary>
    /// The reply as §4.3/§4.8 answers or §4.4 lines [constructed]: thinking and content lines, the tool calls whole in one line, then
    /// the <c>done</c> line with <c>done_reason</c> and the counts.
    /// </summary>
    public override StubResponse Render(Reply reply, bool stream)
    {
        if (!stream)
        {
            var message = Message(reply.Text ?? "");
            if (reply.Thinking is { } thinking)
            {
                message["thinking"] = thinking;
            }

            if (reply.Calls.Count > 0)
            {
                message["tool_calls"] = Calls(reply);
            }

            return StubResponse.Json(200, Done(reply, message).ToJsonString());
        }

        var lines = new List<string>();
        foreach (var piece in reply.ThinkingPieces)
        {
            var message = Message("");
            message["thinking"] = piece;
            lines.Add(Line(message).ToJsonString());
        }

        lines.AddRange(reply.TextPieces.Select(piece => Line(Message(piece)).ToJsonString()));
        if (reply.Calls.Count > 0)
        {
            var message = Message("");
            message["tool_calls"] = Calls(reply);
            lines.Add(Line(message).ToJsonString());
        }

        lines.Add(Done(reply, Message("")).ToJsonString());
        return StubResponse.Ndjson(lines);
    }

    public override void AssertRequest(MessagesScenario scenario, bool stream, RecordedRequest request)
    {
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/chat", request.Path);
        Assert.Null(request.Header("Authorization"));
        var body = request.Json;
        Assert.Equal(Parity.Model, body.Text("model"));
        Assert.Equal(stream, body.At("stream").GetBoolean());
        Assert.Equal(MaxTokensOf(scenario), body.At("options", "num_predict").GetInt32());
        Assert.False(body.Has("max_tokens"));
        Assert.False(body.Has("system"));

        var messages = body.At("messages");
        switch (scenario)
        {
            case MessagesScenario.PlainText or MessagesScenario.UpstreamRefusal:
                AssertMessage(messages, 0, "system", SystemPrompt);
                AssertMessage(messages, 1, "user", Question);
                break;
            case MessagesScenario.SystemBlocks:
                AssertMessage(messages, 0, "system", $"{SystemPrompt}\n{SecondSystemBlock}");
                AssertMessage(messages, 1, "user", Question);
                break;
            case MessagesScenario.MultiTurn:
                AssertMessage(messages, 0, "system", SystemPrompt);
                AssertMessage(messages, 1, "user", Question);
                AssertMessage(messages, 2, "assistant", EarlierAnswer);
                AssertMessage(messages, 3, "user", FollowUp);
                Assert.Equal(4, messages.GetArrayLength());
                break;
            case MessagesScenario.OneTool or MessagesScenario.ParallelTools or MessagesScenario.ForcedTool:
                AssertMessage(messages, 0, "user", WeatherQuestion);
                AssertTool(body);
                Assert.False(body.Has("tool_choice"), "Ollama has no tool choice: a named one is left to the model");
                break;
            case MessagesScenario.ToolResults:
                AssertTool(body);
                AssertMessage(messages, 1, "assistant", CallsPreamble);
                var calls = messages.At(1, "tool_calls");
                Assert.Equal(EarlierCalls.Count, calls.GetArrayLength());
                for (var i = 0; i < EarlierCalls.Count; i++)
                {
                    Assert.Equal(ToolName, calls.Text(i, "function", "name"));
                    Assert.Equal(JsonValueKind.Object, calls.At(i, "function", "arguments").ValueKind);
                    Assert.Equal(EarlierCalls[i].City, calls.Text(i, "function", "arguments", "city"));
                }

                string[] results = [ParisResult, RomeResultFirst + RomeResultSecond, OsloError];
                for (var i = 0; i < results.Length; i++)
                {
                    Assert.Equal("tool", messages.Text(2 + i, "role"));
                    Assert.Equal(ToolName, messages.Text(2 + i, "tool_name"));
                    Assert.Contains(results[i], messages.Text(2 + i, "content"), StringComparison.Ordinal);
                }

                Assert.StartsWith("Error", messages.Text(4, "content"), StringComparison.Ordinal);
                AssertMessage(messages, 5, "user", AfterResults);
                Assert.Equal(6, messages.GetArrayLength());
                break;
            case MessagesScenario.ImageBase64:
                AssertMessage(messages, 0, "user", ImageQuestion);
                Assert.Equal([PngBase64], messages.At(0, "images").EnumerateArray().Select(image => image.GetString()));
                break;
            case MessagesScenario.StopSequence:
                Assert.Equal([StopSequence], body.At("options", "stop").EnumerateArray().Select(s => s.GetString()));
                break;
        }
    }

    private static void AssertMessage(JsonElement messages, int index, string role, string content)
    {
        Assert.Equal(role, messages.Text(index, "role"));
        Assert.Equal(content, messages.Text(index, "content"));
    }

    private static void AssertTool(JsonElement body)
    {
        var tool = body.At("tools", 0);
        Assert.Equal("function", tool.Text("type"));
        Assert.Equal(ToolName, tool.Text("function", "name"));
        Assert.Equal(ToolDescription, tool.Text("function", "description"));
        JsonAssert.SameJson(ToolSchema, tool.At("function", "parameters").GetRawText());
    }

    private static JsonObject Message(string content) => new() { ["role"] = "assistant", ["content"] = content };

    private static JsonArray Calls(Reply reply) => new([.. reply.Calls.Select(call => new JsonObject
    {
        ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = JsonNode.Parse(call.Arguments) },
    })]);

    private static JsonObject Line(JsonObject message) => new()
    {
        ["model"] = "llama3.2", ["created_at"] = "2025-07-07T20:22:19.184789Z", ["message"] = message, ["done"] = false,
    };

    private static JsonObject Done(Reply reply, JsonObject message) => new()
    {
        ["model"] = "llama3.2",
        ["created_at"] = "2025-07-07T20:22:19.19314Z",
        ["message"] = message,
        ["done_reason"] = reply.Stop == ReplyStop.MaxTokens ? "length" : "stop",
        ["done"] = true,
        ["total_duration"] = 182242375,
        ["load_duration"] = 41295167,
        ["prompt_eval_count"] = reply.InputTokens,
        ["prompt_eval_duration"] = 24573166,
        ["eval_count"] = reply.OutputTokens,
        ["eval_duration"] = 115959084,
    };
}
