using System.Text;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Parity;

namespace Gateway.Tests.Upstreams;

/// <summary>
/// A turn of tool use played by <see cref="ChatTurnAnswers"/> reads, through the gateway's <c>/v1/messages</c>, as a <c>tool_use</c>
/// block and then final text on every backend, whole and streamed, and <see cref="ChatTurnRequest"/> finds the result the client sent
/// back in each backend's protocol.
/// </summary>
public sealed partial class StubUpstreamTests
{
    private const string ReadArguments = """{"file_path":"/work/notes.txt"}""";

    public static TheoryData<string, bool> BackendsWholeAndStreamed()
    {
        var cases = new TheoryData<string, bool>();
        foreach (var backend in ParityBackend.All)
        {
            cases.Add(backend.Name, false);
            cases.Add(backend.Name, true);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(BackendsWholeAndStreamed))]
    public async Task ChatTurn_ThroughTheMessagesSurface_ToolUseThenFinalTextWithTheResultReachingTheBackend(string backend, bool stream)
    {
        var parity = ParityBackend.Named(backend);
        await using var stub = await StubUpstream.StartAsync(parity.Kind);
        stub.Responder = request => !ChatTurnRequest.IsChat(parity.Kind, request) ? null
            : ChatTurnRequest.ToolResult(parity.Kind, request) is null ? ChatTurnAnswers.ToolCall(parity.Kind, request, "toolu_01Read", "Read", ReadArguments)
            : ChatTurnAnswers.Text(parity.Kind, request, "The notes say hello.");
        await using var gateway = await TestGateway.StartAsync(ParityFixture.Config(parity, stub.Url));
        const string Tools = """[{"name":"Read","input_schema":{"type":"object","properties":{"file_path":{"type":"string"}}}}]""";
        const string Ask = """{"role":"user","content":"Read the notes."}""";

        var call = await SendAsync(gateway, $$"""{"model":"generator","max_tokens":200,"stream":{{(stream ? "true" : "false")}},"tools":{{Tools}},"messages":[{{Ask}}]}""");
        var toolUse = Assert.Single(call.Blocks, block => block.GetProperty("type").GetString() == "tool_use");
        Assert.Equal(("tool_use", "Read", ReadArguments), (call.StopReason, toolUse.GetProperty("name").GetString(), toolUse.GetProperty("input").GetRawText()));

        var id = toolUse.GetProperty("id").GetString();
        var final = await SendAsync(gateway, $$"""
            {"model":"generator","max_tokens":200,"stream":{{(stream ? "true" : "false")}},"tools":{{Tools}},"messages":[{{Ask}},
              {"role":"assistant","content":[{"type":"tool_use","id":"{{id}}","name":"Read","input":{{ReadArguments}}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"{{id}}","content":"1\thello from the notes"}]}]}
            """);
        Assert.Equal(("end_turn", "The notes say hello."), (final.StopReason, final.Blocks.Single().GetProperty("text").GetString()));
        Assert.Equal("1\thello from the notes", ChatTurnRequest.ToolResult(parity.Kind, stub.Requests[^1]));
    }

    /// <summary>Posts to <c>/v1/messages</c> and reads the content blocks and stop reason, from a message or from its events.</summary>
    private static async Task<(IReadOnlyList<JsonElement> Blocks, string? StopReason)> SendAsync(TestGateway gateway, string body)
    {
        using var response = await gateway.Http.PostAsync("/v1/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            using var message = JsonDocument.Parse(text);
            return ([.. message.RootElement.GetProperty("content").EnumerateArray().Select(block => block.Clone())], message.RootElement.GetProperty("stop_reason").GetString());
        }

        var blocks = new List<JsonElement>();
        var (started, joined, stopReason) = ((JsonElement?)null, new StringBuilder(), (string?)null);
        foreach (var data in text.Split("\n\n").SelectMany(e => e.Split('\n')).Where(line => line.StartsWith("data: ", StringComparison.Ordinal)))
        {
            using var json = JsonDocument.Parse(data["data: ".Length..]);
            var e = json.RootElement;
            switch (e.GetProperty("type").GetString())
            {
                case "content_block_start":
                    (started, joined) = (e.GetProperty("content_block").Clone(), new StringBuilder());
                    break;
                case "content_block_delta":
                    var delta = e.GetProperty("delta");
                    joined.Append(delta.TryGetProperty("text", out var part) ? part.GetString() : delta.GetProperty("partial_json").GetString());
                    break;
                case "content_block_stop":
                    blocks.Add(Assembled(started!.Value, joined.ToString()));
                    break;
                case "message_delta":
                    stopReason = e.GetProperty("delta").GetProperty("stop_reason").GetString();
                    break;
            }
        }

        return (blocks, stopReason);
    }

    private static JsonElement Assembled(JsonElement start, string joined)
    {
        var block = System.Text.Json.Nodes.JsonNode.Parse(start.GetRawText())!.AsObject();
        if (block["type"]!.GetValue<string>() == "tool_use")
        {
            block["input"] = System.Text.Json.Nodes.JsonNode.Parse(joined);
        }
        else
        {
            block["text"] = joined;
        }

        using var document = JsonDocument.Parse(block.ToJsonString());
        return document.RootElement.Clone();
    }
}
