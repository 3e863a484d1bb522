using System.Text.Json.Nodes;
using Gateway.Tests.Parity.Messages;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Parity.Responses;

/// <summary>
/// The stand-in for OpenAI's own <c>/v1/responses</c>: a <see cref="Reply"/> as the Response object of inbound-surfaces.md §2 (the
/// recorded completed, function-call and incomplete answers) or the event sequence of §3 (text, argument deltas, reasoning summary).
/// Every rendering gets fresh ids, as the service's answers do, so that stored turns of different cells never share one.
/// </summary>
internal static partial class ResponsesWire
{
    public const string Model = "gpt-4o-2024-08-06";
    public const long CreatedAt = 1758064436;

    /// <summary>The server error's words, in the Responses stream's <c>error</c> event and OpenAI's error body alike.</summary>
    public const string ServerErrorPhrase = "The server had an error while processing your request";

    public static string CallId(int index) => $"call_S2X9KuEJpYvFcF4hgv1XwM0{index}";

    public static StubResponse Render(Reply reply, bool stream)
    {
        var ids = new Ids();
        return stream
            ? StubResponse.Sse(Events(reply, ids))
            : StubResponse.Json(200, Envelope(reply, ids, Status(reply), Output(reply, ids), Usage(reply)).ToJsonString(), ("openai-version", "2020-10-01"));
    }

    private static string Status(Reply reply) => reply.Stop == ReplyStop.MaxTokens ? "incomplete" : "completed";

    /// <summary>The finished output items: reasoning, then the message, then the calls.</summary>
    private static List<JsonObject> Output(Reply reply, Ids ids)
    {
        var items = new List<JsonObject>();
        if (reply.Thinking is { } thinking)
        {
            items.Add(ReasoningItem(ids.Reasoning, thinking));
        }

        if (reply.Text is { } text)
        {
            items.Add(MessageItem(ids.Message, Status(reply), new JsonArray(OutputText(text))));
        }

        items.AddRange(reply.Calls.Select((call, i) => CallItem(ids.Call(i), "completed", i, call.Name, call.Arguments)));
        return items;
    }

    private static JsonObject ReasoningItem(string id, string? summary) => new()
    {
        ["id"] = id,
        ["type"] = "reasoning",
        ["summary"] = summary is null ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = summary }),
    };

    private static JsonObject MessageItem(string id, string status, JsonArray content) => new()
    {
        ["id"] = id, ["type"] = "message", ["status"] = status, ["content"] = content, ["role"] = "assistant",
    };

    private static JsonObject OutputText(string text) => new()
    {
        ["type"] = "output_text", ["annotations"] = new JsonArray(), ["logprobs"] = new JsonArray(), ["text"] = text,
    };

    private static JsonObject CallItem(string id, string status, int index, string name, string arguments) => new()
    {
        ["id"] = id, ["type"] = "function_call", ["status"] = status, ["arguments"] = arguments, ["call_id"] = CallId(index), ["name"] = name,
    };

    private static JsonObject Usage(Reply reply) => new()
    {
        ["input_tokens"] = reply.InputTokens,
        ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
        ["output_tokens"] = reply.OutputTokens,
        ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = reply.Thinking is null ? 0 : reply.OutputTokens / 2 },
        ["total_tokens"] = reply.InputTokens + reply.OutputTokens,
    };

    /// <summary>The Response object with the §2 fields, as the recorded answers spell them.</summary>
    private static JsonObject Envelope(Reply reply, Ids ids, string status, IEnumerable<JsonObject> output, JsonObject? usage) => new()
    {
        ["id"] = ids.Response,
        ["object"] = "response",
        ["created_at"] = CreatedAt,
        ["status"] = status,
        ["background"] = false,
        ["error"] = null,
        ["incomplete_details"] = status == "incomplete" ? new JsonObject { ["reason"] = "max_output_tokens" } : null,
        ["instructions"] = null,
        ["max_output_tokens"] = reply.Stop == ReplyStop.MaxTokens ? reply.OutputTokens : null,
        ["model"] = Model,
        ["output"] = new JsonArray([.. output.Select(item => item.DeepClone())]),
        ["parallel_tool_calls"] = true,
        ["previous_response_id"] = null,
        ["reasoning"] = new JsonObject { ["effort"] = reply.Thinking is null ? null : "low", ["summary"] = reply.Thinking is null ? null : "detailed" },
        ["service_tier"] = "default",
        ["store"] = true,
        ["temperature"] = 1.0,
        ["text"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "text" }, ["verbosity"] = "medium" },
        ["tool_choice"] = "auto",
        ["tools"] = new JsonArray(),
        ["top_p"] = 1.0,
        ["truncation"] = "disabled",
        ["usage"] = usage,
        ["user"] = null,
        ["metadata"] = new JsonObject(),
    };

    /// <summary>One rendering's ids, in the shapes of the recorded ones.</summary>
    private sealed class Ids
    {
        private readonly string _stem = Guid.NewGuid().ToString("N");

        public string Response => $"resp_{_stem}";

        public string Reasoning => $"rs_{_stem}";

        public string Message => $"msg_{_stem}";

        public string Call(int index) => $"fc_{_stem}{index}";
    }
}
