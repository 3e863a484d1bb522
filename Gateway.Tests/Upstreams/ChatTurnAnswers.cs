using System.Text.Json.Nodes;

namespace Gateway.Tests.Upstreams;

/// <summary>
/// A turn of tool use answered in each backend's own shape, whole or streamed as the request asked (<see cref="ChatTurnRequest"/>):
/// one call of a named tool with given arguments, or final text. Built in the shapes of the verbatim fixtures (<c>*Payloads</c>), with
/// the request's model echoed and usage reported.
/// </summary>
internal static class ChatTurnAnswers
{
    private const int PromptTokens = 12;
    private const int CompletionTokens = 5;

    /// <summary>A call of <paramref name="name"/> with <paramref name="argumentsJson"/> (a JSON object) as its arguments.</summary>
    public static StubResponse ToolCall(UpstreamKind kind, RecordedRequest request, string callId, string name, string argumentsJson) =>
        Answer(kind, request, new Turn(null, new Call(callId, name, argumentsJson)));

    /// <summary>Final text, ending the turn.</summary>
    public static StubResponse Text(UpstreamKind kind, RecordedRequest request, string text) => Answer(kind, request, new Turn(text, null));

    private static StubResponse Answer(UpstreamKind kind, RecordedRequest request, Turn turn)
    {
        var model = request.JsonString("model") ?? "stub-model";
        var stream = ChatTurnRequest.WantsStream(kind, request);
        return kind switch
        {
            UpstreamKind.Anthropic when stream => StubResponse.Sse(AnthropicEvents(model, turn)),
            UpstreamKind.Anthropic => StubResponse.Json(200, AnthropicMessage(model, turn).ToJsonString()),
            UpstreamKind.Ollama when stream => StubResponse.Ndjson(OllamaLines(model, turn)),
            UpstreamKind.Ollama => StubResponse.Json(200, OllamaDone(model, OllamaMessage(turn)).ToJsonString()),
            _ when stream => StubResponse.Sse(OpenAiChunks(model, turn)),
            _ => StubResponse.Json(200, OpenAiCompletion(model, turn).ToJsonString()),
        };
    }

    private static IEnumerable<string> OpenAiChunks(string model, Turn turn)
    {
        JsonObject delta = turn.Call is { } call
            ? new() { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray(OpenAiCall(call, arguments: "", index: 0)) }
            : new() { ["role"] = "assistant", ["content"] = "" };
        yield return RawSse.Data(OpenAiChunk(model, delta, finish: null).ToJsonString());
        JsonObject content = turn.Call is { } called
            ? new() { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = called.ArgumentsJson } }) }
            : new() { ["content"] = turn.Text };
        yield return RawSse.Data(OpenAiChunk(model, content, finish: null).ToJsonString());
        yield return RawSse.Data(OpenAiChunk(model, new JsonObject(), turn.Call is null ? "stop" : "tool_calls").ToJsonString());
        var usage = OpenAiChunk(model, null, null);
        usage["choices"] = new JsonArray();
        usage["usage"] = OpenAiUsage();
        yield return RawSse.Data(usage.ToJsonString());
        yield return RawSse.Done;
    }

    private static JsonObject OpenAiChunk(string model, JsonObject? delta, string? finish) => new()
    {
        ["id"] = "chatcmpl-turn",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1727346176,
        ["model"] = model,
        ["choices"] = delta is null ? null : new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    };

    private static JsonObject OpenAiCompletion(string model, Turn turn)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = turn.Text };
        if (turn.Call is { } call)
        {
            message["tool_calls"] = new JsonArray(OpenAiCall(call, call.ArgumentsJson, index: null));
        }

        return new JsonObject
        {
            ["id"] = "chatcmpl-turn",
            ["object"] = "chat.completion",
            ["created"] = 1727346176,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0, ["message"] = message, ["finish_reason"] = turn.Call is null ? "stop" : "tool_calls",
            }),
            ["usage"] = OpenAiUsage(),
        };
    }

    private static JsonObject OpenAiCall(Call call, string arguments, int? index)
    {
        var tool = new JsonObject { ["id"] = call.Id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = arguments } };
        if (index is { } at)
        {
            tool["index"] = at;
        }

        return tool;
    }

    private static JsonObject OpenAiUsage() =>
        new() { ["prompt_tokens"] = PromptTokens, ["completion_tokens"] = CompletionTokens, ["total_tokens"] = PromptTokens + CompletionTokens };

    private static IEnumerable<string> OllamaLines(string model, Turn turn)
    {
        yield return new JsonObject { ["model"] = model, ["created_at"] = "2025-07-07T20:22:19.184789Z", ["message"] = OllamaMessage(turn), ["done"] = false }.ToJsonString();
        yield return OllamaDone(model, new JsonObject { ["role"] = "assistant", ["content"] = "" }).ToJsonString();
    }

    private static JsonObject OllamaMessage(Turn turn)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = turn.Text ?? "" };
        if (turn.Call is { } call)
        {
            message["tool_calls"] = new JsonArray(new JsonObject
            {
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = JsonNode.Parse(call.ArgumentsJson) },
            });
        }

        return message;
    }

    private static JsonObject OllamaDone(string model, JsonObject message) => new()
    {
        ["model"] = model,
        ["created_at"] = "2025-07-07T20:22:19.19314Z",
        ["message"] = message,
        ["done_reason"] = "stop",
        ["done"] = true,
        ["prompt_eval_count"] = PromptTokens,
        ["eval_count"] = CompletionTokens,
    };

    private static IEnumerable<string> AnthropicEvents(string model, Turn turn)
    {
        var start = AnthropicMessage(model, turn);
        start["content"] = new JsonArray();
        start["stop_reason"] = null;
        start["usage"] = new JsonObject { ["input_tokens"] = PromptTokens, ["output_tokens"] = 1 };
        yield return RawSse.Event("message_start", new JsonObject { ["type"] = "message_start", ["message"] = start }.ToJsonString());
        JsonObject block = turn.Call is { } call
            ? new() { ["type"] = "tool_use", ["id"] = call.Id, ["name"] = call.Name, ["input"] = new JsonObject() }
            : new() { ["type"] = "text", ["text"] = "" };
        yield return RawSse.Event("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = block }.ToJsonString());
        JsonObject delta = turn.Call is { } called
            ? new() { ["type"] = "input_json_delta", ["partial_json"] = called.ArgumentsJson }
            : new() { ["type"] = "text_delta", ["text"] = turn.Text };
        yield return RawSse.Event("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = delta }.ToJsonString());
        yield return RawSse.Event("content_block_stop", """{"type":"content_block_stop","index":0}""");
        yield return RawSse.Event("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = AnthropicStop(turn), ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = CompletionTokens },
        }.ToJsonString());
        yield return RawSse.Event("message_stop", """{"type":"message_stop"}""");
    }

    private static JsonObject AnthropicMessage(string model, Turn turn) => new()
    {
        ["id"] = "msg_01TurnOfToolUse",
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = new JsonArray(turn.Call is { } call
            ? new JsonObject { ["type"] = "tool_use", ["id"] = call.Id, ["name"] = call.Name, ["input"] = JsonNode.Parse(call.ArgumentsJson) }
            : new JsonObject { ["type"] = "text", ["text"] = turn.Text }),
        ["stop_reason"] = AnthropicStop(turn),
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject { ["input_tokens"] = PromptTokens, ["output_tokens"] = CompletionTokens },
    };

    private static string AnthropicStop(Turn turn) => turn.Call is null ? "end_turn" : "tool_use";

    private sealed record Call(string Id, string Name, string ArgumentsJson);

    private sealed record Turn(string? Text, Call? Call);
}
