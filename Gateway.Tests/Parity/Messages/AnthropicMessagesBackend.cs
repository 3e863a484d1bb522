using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Tests.Upstreams;
using static Gateway.Tests.Parity.Messages.MessagesRequests;

namespace Gateway.Tests.Parity.Messages;

/// <summary>
/// Anthropic Messages (§3) as the upstream. Only what holds semantically is asserted of the request (Anthropic-form system, turns,
/// blocks and tools with the right content), not how the gateway spells it: whether it translates or forwards the client's body.
/// </summary>
internal sealed class AnthropicMessagesBackend : MessagesBackend
{
    private const string Signature = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds";

    /// <summary>The §3.5 error shape with a 500 [constructed].</summary>
    private const string ApiError = """{"type":"error","error":{"type":"api_error","message":"Internal server error"},"request_id":"req_018EeWyXxfu5pfWkrYcMdjWG"}""";

    /// <summary>A 400 Anthropic answers for a mislabelled image [observed wording].</summary>
    private const string Rejection = """{"type":"error","error":{"type":"invalid_request_error","message":"messages.0.content.1.image.source.base64.data: The image was specified using the image/png media type, but the image appears to be a image/jpeg image"},"request_id":"req_018EeWyXxfu5pfWkrYcMdjWG"}""";

    public override string Name => "anthropic";

    public override bool Reasons => true;

    public override bool ReportsStopSequence(bool stream) => true;

    /// <summary>
    /// Not yet streamed: the gateway's Anthropic stream translation drops thinking deltas and does not say which stop sequence
    /// matched, so those two streamed cells are not in the matrix.
    /// </summary>
    /// <summary>Every cell: the Anthropic backend receives the request as sent and its stream comes back as it sent it.</summary>
    public override bool Covers(MessagesScenario scenario, bool stream) => true;

    public override string? CallId(int index) => $"toolu_01D7FLrfh4GYq7yT1ULFeyM{index}";

    public override Refusal Refusal() => new(StubResponse.Json(400, Rejection), 400, "invalid_request_error", "the image appears to be a image/jpeg image");

    public override StubResponse RateLimited(int seconds) => AnthropicPayloads.RateLimited(seconds);

    public override StubResponse ServerError() => StubResponse.Json(500, ApiError, ("request-id", AnthropicPayloads.RequestId));

    /// <summary>The reply as a §3.3 message or a §3.4 event sequence (a <c>ping</c> after the first block starts) [constructed].</summary>
    public override StubResponse Render(Reply reply, bool stream)
    {
        var stopSequence = reply.Stop == ReplyStop.StopSequence ? StopSequence : null;
        if (!stream)
        {
            var content = new JsonArray();
            if (reply.Thinking is { } thinking)
            {
                content.Add(new JsonObject { ["type"] = "thinking", ["thinking"] = thinking, ["signature"] = Signature });
            }

            if (reply.Text is { } text)
            {
                content.Add(new JsonObject { ["type"] = "text", ["text"] = text });
            }

            for (var i = 0; i < reply.Calls.Count; i++)
            {
                content.Add(new JsonObject
                {
                    ["type"] = "tool_use", ["id"] = CallId(i), ["name"] = reply.Calls[i].Name, ["caller"] = new JsonObject { ["type"] = "direct" }, ["input"] = JsonNode.Parse(reply.Calls[i].Arguments),
                });
            }

            var message = Envelope(content, StopReason(reply.Stop), stopSequence);
            message["usage"] = new JsonObject { ["input_tokens"] = reply.InputTokens, ["output_tokens"] = reply.OutputTokens };
            return StubResponse.Json(200, message.ToJsonString());
        }

        var start = Envelope([], null, null);
        start["usage"] = new JsonObject { ["input_tokens"] = reply.InputTokens, ["output_tokens"] = 1 };
        var events = new List<string> { Event("message_start", new JsonObject { ["message"] = start }) };
        var index = 0;
        if (reply.Thinking is not null)
        {
            Block(events, index++, new JsonObject { ["type"] = "thinking", ["thinking"] = "", ["signature"] = "" }, [
                .. reply.ThinkingPieces.Select(piece => new JsonObject { ["type"] = "thinking_delta", ["thinking"] = piece }),
                new JsonObject { ["type"] = "signature_delta", ["signature"] = Signature }]);
        }

        if (reply.Text is not null)
        {
            Block(events, index++, new JsonObject { ["type"] = "text", ["text"] = "" }, [
                .. reply.TextPieces.Select(piece => new JsonObject { ["type"] = "text_delta", ["text"] = piece })]);
        }

        for (var i = 0; i < reply.Calls.Count; i++)
        {
            var arguments = reply.Calls[i].Arguments;
            var half = arguments.Length / 2;
            var block = new JsonObject
            {
                ["type"] = "tool_use", ["id"] = CallId(i), ["name"] = reply.Calls[i].Name, ["caller"] = new JsonObject { ["type"] = "direct" }, ["input"] = new JsonObject(),
            };
            Block(events, index++, block, [.. ((string[])["", arguments[..half], arguments[half..]]).Select(part => new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = part })]);
        }

        events.Add(Event("message_delta", new JsonObject
        {
            ["delta"] = new JsonObject { ["stop_reason"] = StopReason(reply.Stop), ["stop_sequence"] = stopSequence },
            ["usage"] = new JsonObject { ["output_tokens"] = reply.OutputTokens },
        }));
        events.Add(Event("message_stop", []));
        return StubResponse.Sse(events);
    }

    public override void AssertRequest(MessagesScenario scenario, bool stream, RecordedRequest request)
    {
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/messages", request.Path);
        Assert.Equal(Parity.ApiKey, request.Header("x-api-key"));
        Assert.Equal(AnthropicPayloads.SdkApiVersion, request.Header("anthropic-version")); // the client's, passed on as sent
        var body = request.Json;
        Assert.Equal(Parity.Model, body.Text("model"));
        Assert.Equal(stream, body.TryGetProperty("stream", out var flag) && flag.GetBoolean());
        Assert.Equal(MaxTokensOf(scenario), body.At("max_tokens").GetInt32());
        var turns = Turns(body);
        switch (scenario)
        {
            case MessagesScenario.PlainText or MessagesScenario.UpstreamRefusal:
                Assert.Equal(SystemPrompt, System(body));
                Assert.Equal([("user", Question)], Texts(turns));
                break;
            case MessagesScenario.SystemBlocks:
                var system = System(body);
                Assert.True(system.IndexOf(SystemPrompt, StringComparison.Ordinal) is >= 0 and var first
                    && system.IndexOf(SecondSystemBlock, StringComparison.Ordinal) > first, $"system blocks out of order: {system}");
                break;
            case MessagesScenario.MultiTurn:
                Assert.Equal([("user", Question), ("assistant", EarlierAnswer), ("user", FollowUp)], Texts(turns));
                break;
            case MessagesScenario.OneTool or MessagesScenario.ParallelTools or MessagesScenario.ForcedTool:
                var tool = body.At("tools", 0);
                Assert.Equal(ToolName, tool.Text("name"));
                Assert.Equal(ToolDescription, tool.Text("description"));
                JsonAssert.SameJson(ToolSchema, tool.At("input_schema").GetRawText());
                var choice = body.At("tool_choice");
                var forced = scenario == MessagesScenario.ForcedTool;
                Assert.Equal(forced ? "tool" : "auto", choice.Text("type"));
                Assert.Equal(forced ? ToolName : null, choice.TryGetProperty("name", out var name) ? name.GetString() : null);
                Assert.Equal(forced, choice.TryGetProperty("disable_parallel_tool_use", out var serial) && serial.GetBoolean());
                break;
            case MessagesScenario.ToolResults:
                Assert.Equal(3, turns.Count);
                var (role, calls) = turns[1];
                Assert.Equal("assistant", role);
                Assert.Equal(CallsPreamble, calls[0].Text("text"));
                var uses = calls.Where(b => b.Text("type") == "tool_use").ToList();
                Assert.Equal(EarlierCalls.Select(c => (c.Id, ToolName, c.City)), uses.Select(u => (u.Text("id"), u.Text("name"), u.Text("input", "city"))));
                var (resultRole, results) = turns[2];
                Assert.Equal("user", resultRole);
                Assert.Equal(EarlierCalls.Select(c => c.Id), results.Take(3).Select(r => r.Text("tool_use_id")));
                Assert.Equal(ParisResult, ResultText(results[0]));
                Assert.Equal(RomeResultFirst + RomeResultSecond, ResultText(results[1]));
                Assert.Contains(OsloError, ResultText(results[2]), StringComparison.Ordinal);
                Assert.True(results[2].TryGetProperty("is_error", out var isError) && isError.GetBoolean() || ResultText(results[2]).StartsWith("Error", StringComparison.Ordinal));
                Assert.Equal(AfterResults, results[3].Text("text"));
                Assert.Equal(4, results.Count);
                break;
            case MessagesScenario.ImageBase64 or MessagesScenario.ImageUrl:
                var blocks = turns[0].Blocks;
                Assert.Equal(ImageQuestion, blocks[0].Text("text"));
                Assert.Equal("image", blocks[1].Text("type"));
                var source = blocks[1].At("source");
                if (scenario == MessagesScenario.ImageUrl)
                {
                    Assert.Equal(("url", ImageUrl), (source.Text("type"), source.Text("url")));
                }
                else
                {
                    Assert.Equal(("base64", "image/png", PngBase64), (source.Text("type"), source.Text("media_type"), source.Text("data")));
                }

                break;
            case MessagesScenario.StopSequence:
                Assert.Equal([StopSequence], body.At("stop_sequences").EnumerateArray().Select(s => s.GetString()));
                break;
        }
    }

    private static string StopReason(ReplyStop stop) => stop switch
    {
        ReplyStop.MaxTokens => "max_tokens",
        ReplyStop.ToolUse => "tool_use",
        ReplyStop.StopSequence => "stop_sequence",
        _ => "end_turn",
    };

    private static JsonObject Envelope(JsonArray content, string? stopReason, string? stopSequence) => new()
    {
        ["id"] = "msg_013Zva2CMHLNnXjNJJKqJ2EF", ["type"] = "message", ["role"] = "assistant", ["model"] = "claude-sonnet-4-20250514",
        ["content"] = content, ["stop_reason"] = stopReason, ["stop_sequence"] = stopSequence,
    };

    private static void Block(List<string> events, int index, JsonObject start, IEnumerable<JsonObject> deltas)
    {
        events.Add(Event("content_block_start", new JsonObject { ["index"] = index, ["content_block"] = start }));
        if (index == 0)
        {
            events.Add(RawSse.Event("ping", """{"type": "ping"}"""));
        }

        events.AddRange(deltas.Select(delta => Event("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = delta })));
        events.Add(Event("content_block_stop", new JsonObject { ["index"] = index }));
    }

    private static string Event(string name, JsonObject data)
    {
        var withType = new JsonObject { ["type"] = name };
        foreach (var (key, value) in data)
        {
            withType[key] = value?.DeepClone();
        }

        return RawSse.Event(name, withType.ToJsonString());
    }

    /// <summary>The system prompt's text, whether sent as a string or as text blocks.</summary>
    private static string System(JsonElement body)
    {
        var system = body.At("system");
        return system.ValueKind == JsonValueKind.String ? system.GetString()! : string.Join("\n", system.EnumerateArray().Select(b => b.Text("text")));
    }

    /// <summary>The turns with their content as blocks (a string content is one text block).</summary>
    private static List<(string Role, List<JsonElement> Blocks)> Turns(JsonElement body) =>
        [.. body.At("messages").EnumerateArray().Select(turn =>
        {
            var content = turn.At("content");
            List<JsonElement> blocks = content.ValueKind == JsonValueKind.String
                ? [JsonSerializer.SerializeToElement(new { type = "text", text = content.GetString() })]
                : [.. content.EnumerateArray()];
            return (turn.Text("role"), blocks);
        })];

    private static IEnumerable<(string, string)> Texts(List<(string Role, List<JsonElement> Blocks)> turns) =>
        turns.Select(turn => (turn.Role, string.Concat(turn.Blocks.Select(b => b.Text("text")))));

    private static string ResultText(JsonElement result)
    {
        var content = result.At("content");
        return content.ValueKind == JsonValueKind.String ? content.GetString()! : string.Concat(content.EnumerateArray().Select(b => b.Text("text")));
    }
}
