using System.Text.Json.Nodes;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Parity.Messages;

/// <summary>How one OpenAI-style server words its answers: ids, model, fingerprint, the <c>refusal</c> key, Azure's filter results.</summary>
internal sealed record OpenAiStyleDialect(string CompletionId, string Model, string? Fingerprint, bool SendsRefusal, bool AzureFilters);

/// <summary>
/// A <see cref="Reply"/> as an OpenAI-style server sends it [constructed on the §1.3/§1.4/§1.7 captures, §2.2/§2.3 for Azure, §5.2
/// for LM Studio]: a <c>chat.completion</c>, or a role chunk, content and tool-call fragments (id, type and name only on the first),
/// a finish chunk with an empty delta, the <c>include_usage</c> chunk with <c>choices: []</c>, and <c>[DONE]</c>.
/// </summary>
internal static class OpenAiStyleWire
{
    private const long Created = 1727346168;

    public static StubResponse Render(Reply reply, bool stream, OpenAiStyleDialect dialect, Func<int, string?> callId) =>
        stream ? StubResponse.Sse(Chunks(reply, dialect, callId)) : StubResponse.Json(200, Completion(reply, dialect, callId));

    public static string FinishReason(ReplyStop stop) => stop switch
    {
        ReplyStop.MaxTokens => "length",
        ReplyStop.ToolUse => "tool_calls",
        _ => "stop",
    };

    private static string Completion(Reply reply, OpenAiStyleDialect dialect, Func<int, string?> callId)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text };
        if (reply.Thinking is { } thinking)
        {
            message["reasoning_content"] = thinking;
        }

        if (reply.Calls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. reply.Calls.Select((call, i) => Call(callId(i), call.Name, call.Arguments))]);
        }

        if (dialect.SendsRefusal)
        {
            message["refusal"] = null;
        }

        var choice = new JsonObject { ["index"] = 0, ["message"] = message, ["logprobs"] = null, ["finish_reason"] = FinishReason(reply.Stop) };
        var completion = Envelope(dialect, "chat.completion", new JsonArray(choice));
        if (dialect.AzureFilters)
        {
            choice["content_filter_results"] = SafeFilters();
            completion["prompt_filter_results"] = new JsonArray(new JsonObject { ["prompt_index"] = 0, ["content_filter_results"] = SafeFilters() });
        }

        completion["usage"] = Usage(reply);
        return completion.ToJsonString();
    }

    private static List<string> Chunks(Reply reply, OpenAiStyleDialect dialect, Func<int, string?> callId)
    {
        var events = new List<string>();
        if (dialect.AzureFilters)
        {
            events.Add(AzurePayloads.PassesFiltersStream[0]); // the prompt annotation event, empty id, choices: []
        }

        var role = new JsonObject { ["role"] = "assistant", ["content"] = "" };
        if (dialect.SendsRefusal)
        {
            role["refusal"] = null;
        }

        events.Add(Chunk(dialect, role, null));
        events.AddRange(reply.ThinkingPieces.Select(piece => Chunk(dialect, new JsonObject { ["reasoning_content"] = piece }, null)));
        events.AddRange(reply.TextPieces.Select(piece => Chunk(dialect, new JsonObject { ["content"] = piece }, null)));
        for (var i = 0; i < reply.Calls.Count; i++)
        {
            var call = reply.Calls[i];
            var first = Call(callId(i), call.Name, "");
            first["index"] = i;
            events.Add(Chunk(dialect, new JsonObject { ["tool_calls"] = new JsonArray(first) }, null));
            var half = call.Arguments.Length / 2;
            foreach (var fragment in (string[])[call.Arguments[..half], call.Arguments[half..]])
            {
                var more = new JsonObject { ["index"] = i, ["function"] = new JsonObject { ["arguments"] = fragment } };
                events.Add(Chunk(dialect, new JsonObject { ["tool_calls"] = new JsonArray(more) }, null));
            }
        }

        events.Add(Chunk(dialect, [], FinishReason(reply.Stop)));
        var usage = Envelope(dialect, "chat.completion.chunk", []);
        usage["usage"] = Usage(reply);
        events.Add(RawSse.Data(usage.ToJsonString()));
        events.Add(RawSse.Done);
        return events;
    }

    private static string Chunk(OpenAiStyleDialect dialect, JsonObject delta, string? finish)
    {
        var chunk = Envelope(dialect, "chat.completion.chunk", new JsonArray(new JsonObject
        {
            ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finish,
        }));
        if (dialect.AzureFilters)
        {
            chunk["usage"] = null;
        }

        return RawSse.Data(chunk.ToJsonString());
    }

    private static JsonObject Envelope(OpenAiStyleDialect dialect, string kind, JsonArray choices)
    {
        var envelope = new JsonObject { ["id"] = dialect.CompletionId, ["object"] = kind, ["created"] = Created, ["model"] = dialect.Model };
        if (dialect.Fingerprint is { } fingerprint)
        {
            envelope["system_fingerprint"] = fingerprint;
        }

        envelope["choices"] = choices;
        return envelope;
    }

    private static JsonObject Call(string? id, string name, string arguments) => new()
    {
        ["id"] = id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
    };

    private static JsonObject Usage(Reply reply) => new()
    {
        ["prompt_tokens"] = reply.InputTokens, ["completion_tokens"] = reply.OutputTokens, ["total_tokens"] = reply.InputTokens + reply.OutputTokens,
    };

    private static JsonObject SafeFilters() => new()
    {
        ["hate"] = Safe(), ["self_harm"] = Safe(), ["sexual"] = Safe(), ["violence"] = Safe(),
    };

    private static JsonObject Safe() => new() { ["filtered"] = false, ["severity"] = "safe" };
}
