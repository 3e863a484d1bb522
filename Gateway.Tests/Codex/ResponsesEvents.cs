using System.Text.Json.Nodes;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Codex;

/// <summary>
/// A streamed Responses API answer as OpenAI sends it (named events, <c>sequence_number</c> from 0, no <c>[DONE]</c>): one message of
/// text, or one function call, each item added, filled by deltas and done before <c>response.completed</c> repeats it with usage.
/// For the OpenAI backend's stand-in, which the gateway sends Responses requests to as they came.
/// </summary>
internal static class ResponsesEvents
{
    private const int InputTokens = 12;
    private const int OutputTokens = 5;

    public static StubResponse Text(string model, string text) => StubResponse.Sse(Stream(model, (id, items) => TextItem(id, text, items)));

    public static StubResponse FunctionCall(string model, string callId, string name, string argumentsJson) =>
        StubResponse.Sse(Stream(model, (id, items) => CallItem(id, callId, name, argumentsJson, items)));

    private static IEnumerable<string> Stream(string model, Func<string, Sequence, JsonObject> item)
    {
        var id = $"resp_{Guid.NewGuid():N}";
        var events = new Sequence();
        events.Add("response.created", new JsonObject { ["response"] = Response(id, model, "in_progress", new JsonArray(), null) });
        events.Add("response.in_progress", new JsonObject { ["response"] = Response(id, model, "in_progress", new JsonArray(), null) });
        var done = item(id, events);
        var usage = new JsonObject
        {
            ["input_tokens"] = InputTokens,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
            ["output_tokens"] = OutputTokens,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
            ["total_tokens"] = InputTokens + OutputTokens,
        };
        events.Add("response.completed", new JsonObject { ["response"] = Response(id, model, "completed", new JsonArray(done), usage) });
        return events.Raw;
    }

    private static JsonObject TextItem(string responseId, string text, Sequence events)
    {
        var itemId = "msg_" + responseId[5..];
        JsonObject Part(string content) => new() { ["type"] = "output_text", ["annotations"] = new JsonArray(), ["logprobs"] = new JsonArray(), ["text"] = content };
        JsonObject Message(string status, JsonArray content) =>
            new() { ["id"] = itemId, ["type"] = "message", ["status"] = status, ["content"] = content, ["role"] = "assistant" };
        JsonObject At(JsonObject fields)
        {
            fields["item_id"] = itemId;
            fields["output_index"] = 0;
            fields["content_index"] = 0;
            return fields;
        }

        events.Add("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = Message("in_progress", []) });
        events.Add("response.content_part.added", At(new JsonObject { ["part"] = Part("") }));
        var half = text.Length / 2;
        foreach (var delta in new[] { text[..half], text[half..] })
        {
            events.Add("response.output_text.delta", At(new JsonObject { ["delta"] = delta, ["logprobs"] = new JsonArray(), ["obfuscation"] = "stand1n" }));
        }

        events.Add("response.output_text.done", At(new JsonObject { ["text"] = text, ["logprobs"] = new JsonArray() }));
        events.Add("response.content_part.done", At(new JsonObject { ["part"] = Part(text) }));
        events.Add("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = Message("completed", [Part(text)]) });
        return Message("completed", [Part(text)]);
    }

    private static JsonObject CallItem(string responseId, string callId, string name, string argumentsJson, Sequence events)
    {
        var itemId = "fc_" + responseId[5..];
        JsonObject Call(string status, string arguments) =>
            new() { ["id"] = itemId, ["type"] = "function_call", ["status"] = status, ["arguments"] = arguments, ["call_id"] = callId, ["name"] = name };

        events.Add("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = Call("in_progress", "") });
        events.Add("response.function_call_arguments.delta", new JsonObject
        {
            ["item_id"] = itemId, ["output_index"] = 0, ["delta"] = argumentsJson, ["obfuscation"] = "stand1n",
        });
        events.Add("response.function_call_arguments.done", new JsonObject { ["item_id"] = itemId, ["output_index"] = 0, ["arguments"] = argumentsJson });
        events.Add("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = Call("completed", argumentsJson) });
        return Call("completed", argumentsJson);
    }

    private static JsonObject Response(string id, string model, string status, JsonArray output, JsonObject? usage) => new()
    {
        ["id"] = id,
        ["object"] = "response",
        ["created_at"] = 1758064436,
        ["status"] = status,
        ["background"] = false,
        ["error"] = null,
        ["incomplete_details"] = null,
        ["instructions"] = null,
        ["max_output_tokens"] = null,
        ["model"] = model,
        ["output"] = output,
        ["parallel_tool_calls"] = true,
        ["previous_response_id"] = null,
        ["reasoning"] = new JsonObject { ["effort"] = null, ["summary"] = null },
        ["store"] = false,
        ["temperature"] = 1.0,
        ["text"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "text" }, ["verbosity"] = "medium" },
        ["tool_choice"] = "auto",
        ["tools"] = new JsonArray(),
        ["top_p"] = 1.0,
        ["truncation"] = "disabled",
        ["usage"] = usage,
        ["metadata"] = new JsonObject(),
    };

    /// <summary>The events so far, each numbered in order.</summary>
    private sealed class Sequence
    {
        private readonly List<string> _raw = [];

        public IReadOnlyList<string> Raw => _raw;

        public void Add(string type, JsonObject fields)
        {
            var data = new JsonObject { ["type"] = type, ["sequence_number"] = _raw.Count };
            foreach (var (name, value) in fields.ToArray())
            {
                fields.Remove(name);
                data[name] = value;
            }

            _raw.Add(RawSse.Event(type, data.ToJsonString()));
        }
    }
}
