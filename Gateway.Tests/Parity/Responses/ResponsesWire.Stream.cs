using System.Text.Json.Nodes;
using Gateway.Tests.Parity.Messages;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Parity.Responses;

/// <summary>The §3 event sequence: named events whose JSON repeats the type, <c>sequence_number</c> from 0, no <c>[DONE]</c>.</summary>
internal static partial class ResponsesWire
{
    /// <summary>A stream that starts its message, sends <paramref name="textBefore"/>, then fails with a flat §3.5 <c>error</c> event.</summary>
    public static MidStreamFailure MidStreamFailure()
    {
        const string textBefore = "Hello";
        var ids = new Ids();
        var reply = new Reply(null, textBefore, [], ReplyStop.EndTurn, 11, 1);
        var events = new EventList();
        Lifecycle(events, reply, ids);
        events.Add("response.output_item.added", new() { ["output_index"] = 0, ["item"] = MessageItem(ids.Message, "in_progress", new JsonArray()) });
        events.Add("response.content_part.added", Part(ids.Message, 0, OutputText("")));
        events.Add("response.output_text.delta", Part(ids.Message, 0, null, ("delta", textBefore), ("logprobs", new JsonArray()), ("obfuscation", "jsHiuh8bUGx")));
        events.Add("error", new() { ["code"] = "server_error", ["message"] = $"{ServerErrorPhrase}. Sorry about that!", ["param"] = null });
        return new MidStreamFailure(StubResponse.Sse(events.Raw), textBefore, ServerErrorPhrase);
    }

    private static List<string> Events(Reply reply, Ids ids)
    {
        var events = new EventList();
        Lifecycle(events, reply, ids);
        var output = Output(reply, ids);
        var index = 0;
        if (reply.Thinking is not null)
        {
            events.Add("response.output_item.added", new() { ["output_index"] = index, ["item"] = ReasoningItem(ids.Reasoning, null) });
            var part = new JsonObject { ["type"] = "summary_text", ["text"] = "" };
            events.Add("response.reasoning_summary_part.added", Summary(ids.Reasoning, index, ("part", part)));
            foreach (var piece in reply.ThinkingPieces)
            {
                events.Add("response.reasoning_summary_text.delta", Summary(ids.Reasoning, index, ("delta", piece), ("obfuscation", "jTX3sT")));
            }

            events.Add("response.reasoning_summary_text.done", Summary(ids.Reasoning, index, ("text", reply.Thinking)));
            events.Add("response.reasoning_summary_part.done", Summary(ids.Reasoning, index, ("part", new JsonObject { ["type"] = "summary_text", ["text"] = reply.Thinking })));
            events.Add("response.output_item.done", new() { ["output_index"] = index, ["item"] = output[index] });
            index++;
        }

        if (reply.Text is { } text)
        {
            events.Add("response.output_item.added", new() { ["output_index"] = index, ["item"] = MessageItem(ids.Message, "in_progress", new JsonArray()) });
            events.Add("response.content_part.added", Part(ids.Message, index, OutputText("")));
            foreach (var piece in reply.TextPieces)
            {
                events.Add("response.output_text.delta", Part(ids.Message, index, null, ("delta", piece), ("logprobs", new JsonArray()), ("obfuscation", "jsHiuh8bUGx")));
            }

            events.Add("response.output_text.done", Part(ids.Message, index, null, ("text", text), ("logprobs", new JsonArray())));
            events.Add("response.content_part.done", Part(ids.Message, index, OutputText(text)));
            events.Add("response.output_item.done", new() { ["output_index"] = index, ["item"] = output[index] });
            index++;
        }

        for (var i = 0; i < reply.Calls.Count; i++, index++)
        {
            var (name, arguments) = (reply.Calls[i].Name, reply.Calls[i].Arguments);
            var id = ids.Call(i);
            events.Add("response.output_item.added", new() { ["output_index"] = index, ["item"] = CallItem(id, "in_progress", i, name, "") });
            var half = arguments.Length / 2;
            foreach (var fragment in (string[])[arguments[..half], arguments[half..]])
            {
                events.Add("response.function_call_arguments.delta", new() { ["item_id"] = id, ["output_index"] = index, ["delta"] = fragment, ["obfuscation"] = "glOt23pNpmfkeS" });
            }

            events.Add("response.function_call_arguments.done", new() { ["item_id"] = id, ["output_index"] = index, ["name"] = name, ["arguments"] = arguments });
            events.Add("response.output_item.done", new() { ["output_index"] = index, ["item"] = output[index] });
        }

        var status = Status(reply);
        events.Add($"response.{status}", new() { ["response"] = Envelope(reply, ids, status, output, Usage(reply)) });
        return events.Raw;
    }

    /// <summary><c>response.created</c> and <c>response.in_progress</c>: the response with no output and no usage yet.</summary>
    private static void Lifecycle(EventList events, Reply reply, Ids ids)
    {
        events.Add("response.created", new() { ["response"] = Envelope(reply, ids, "in_progress", [], null) });
        events.Add("response.in_progress", new() { ["response"] = Envelope(reply, ids, "in_progress", [], null) });
    }

    private static JsonObject Part(string itemId, int outputIndex, JsonObject? part, params (string Name, JsonNode? Value)[] fields)
    {
        var data = new JsonObject { ["item_id"] = itemId, ["output_index"] = outputIndex, ["content_index"] = 0 };
        if (part is not null)
        {
            data["part"] = part;
        }

        foreach (var (name, value) in fields)
        {
            data[name] = value;
        }

        return data;
    }

    private static JsonObject Summary(string itemId, int outputIndex, params (string Name, JsonNode? Value)[] fields)
    {
        var data = new JsonObject { ["item_id"] = itemId, ["output_index"] = outputIndex, ["summary_index"] = 0 };
        foreach (var (name, value) in fields)
        {
            data[name] = value;
        }

        return data;
    }

    /// <summary>Events numbered as they are added: <c>event: type</c>, then the JSON with <c>type</c> and <c>sequence_number</c> first.</summary>
    private sealed class EventList
    {
        public List<string> Raw { get; } = [];

        public void Add(string type, JsonObject fields)
        {
            var data = new JsonObject { ["type"] = type, ["sequence_number"] = Raw.Count };
            foreach (var (name, value) in fields)
            {
                data[name] = value?.DeepClone();
            }

            Raw.Add(RawSse.Event(type, data.ToJsonString()));
        }
    }
}
