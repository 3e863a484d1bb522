using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Benchmarks;

/// <summary>
/// The inputs of the hot paths, shaped like real traffic: the client body bench/payloads/chat.json sends, each backend's answer to it,
/// and 50-event streams in each protocol's framing.
/// </summary>
internal static class Fixtures
{
    public const int StreamEvents = 50;

    public static readonly byte[] ChatBody = Encoding.UTF8.GetBytes(
        """{"model":"generator","messages":[{"role":"system","content":"You are a concise assistant. Answer in plain prose, no lists, at most three sentences."},{"role":"user","content":"Explain in a few sentences what an LLM gateway does and why its added latency matters to an application that calls a model many times per user request."}],"temperature":0.2,"max_tokens":256,"user":"bench"}""");

    public static readonly byte[] OpenAiAnswer = Encoding.UTF8.GetBytes(
        """{"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"bench-model","choices":[{"index":0,"message":{"role":"assistant","content":"A gateway stands between the caller and the model, adding nothing but a choice of route. It should cost less than the network hop it replaces, and never lose an answer.","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":24,"completion_tokens":41,"total_tokens":65},"system_fingerprint":"fp_bench"}""");

    public static readonly byte[] AnthropicAnswer = Encoding.UTF8.GetBytes(
        """{"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[{"type":"text","text":"A gateway stands between the caller and the model, adding nothing but a choice of route. It should cost less than the network hop it replaces, and never lose an answer."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":24,"output_tokens":41}}""");

    public static readonly byte[] OllamaAnswer = Encoding.UTF8.GetBytes(
        """{"model":"llama3.2","created_at":"2023-12-12T14:13:43.416799Z","message":{"role":"assistant","content":"A gateway stands between the caller and the model, adding nothing but a choice of route. It should cost less than the network hop it replaces, and never lose an answer."},"done_reason":"stop","done":true,"total_duration":5191566416,"load_duration":2154458,"prompt_eval_count":24,"prompt_eval_duration":383809000,"eval_count":41,"eval_duration":4799921000}""");

    public static readonly byte[] OpenAiStream = Build(i =>
        $"data: {{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"bench-model\",\"choices\":[{{\"index\":0,\"delta\":{{{(i == 0 ? "\"role\":\"assistant\"," : string.Empty)}\"content\":\"word{i} \"}},\"logprobs\":null,\"finish_reason\":{(i == StreamEvents - 1 ? "\"stop\"" : "null")}}}]}}\n\n",
        string.Empty, "data: [DONE]\n\n");

    /// <summary>message_start, a text block of 45 deltas, its stop, message_delta and message_stop: 50 events, as Anthropic frames them.</summary>
    public static readonly byte[] AnthropicStream = Build(
        i => i switch
        {
            0 => "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-20250514\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":24,\"output_tokens\":1}}}\n\n",
            1 => "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            StreamEvents - 3 => "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            StreamEvents - 2 => "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":47}}\n\n",
            StreamEvents - 1 => "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
            _ => $"event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":\"word{i} \"}}}}\n\n",
        },
        string.Empty, string.Empty);

    public static readonly byte[] OllamaStream = Build(
        i => i < StreamEvents - 1
            ? $"{{\"model\":\"llama3.2\",\"created_at\":\"2023-08-04T08:52:19.385406455-07:00\",\"message\":{{\"role\":\"assistant\",\"content\":\"word{i} \"}},\"done\":false}}\n"
            : "{\"model\":\"llama3.2\",\"created_at\":\"2023-08-04T19:22:45.499127Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,\"total_duration\":4883583458,\"prompt_eval_count\":24,\"eval_count\":49}\n",
        string.Empty, string.Empty);

    public static ChatRequest Request(bool stream = false)
    {
        var body = stream ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(ChatBody).Replace("\"user\":\"bench\"", "\"user\":\"bench\",\"stream\":true", StringComparison.Ordinal)) : ChatBody;
        var document = JsonDocument.Parse(body);
        return new ChatRequest(document, "generator", stream, includeUsage: false);
    }

    public static Candidate Candidate(BackendKind kind) => new()
    {
        Backend = new BackendConfig
        {
            Name = kind.ToString().ToLowerInvariant(),
            Kind = kind,
            BaseUrl = "http://127.0.0.1:11434",
            ApiKey = "bench-key",
            ApiVersion = kind == BackendKind.Azure ? "2024-10-21" : null,
        },
        Model = kind switch
        {
            BackendKind.Anthropic => "claude-sonnet-4-20250514",
            BackendKind.Ollama => "llama3.2",
            _ => "gpt-4o",
        },
        Endpoint = kind == BackendKind.Azure ? "https://bench.openai.azure.com" : "http://127.0.0.1:11434/v1",
        ApiKey = "bench-key",
        Deployment = kind == BackendKind.Azure ? "gpt-4o-bench" : null,
        Reason = "primary",
    };

    /// <summary>An upstream answer whose body is read from memory, as a real body is read from the socket.</summary>
    public static HttpResponseMessage Answer(byte[] body, string mediaType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
    }

    private static byte[] Build(Func<int, string> item, string head, string tail)
    {
        var text = new StringBuilder(head);
        for (var i = 0; i < StreamEvents; i++)
        {
            text.Append(item(i));
        }

        return Encoding.UTF8.GetBytes(text.Append(tail).ToString());
    }
}
