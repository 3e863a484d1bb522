using System.Text;

namespace LeanUpstream;

/// <summary>
/// Every answer serialized once at startup, so the stand-in spends no time on JSON and the benchmark measures the gateway, not it.
/// The shapes are OpenAI's: a <c>chat.completion</c>, <c>chat.completion.chunk</c> events and a model list.
/// </summary>
internal sealed class Answers
{
    private const string Model = "bench-model";

    public Answers(int chunks)
    {
        Completion = Encoding.UTF8.GetBytes(
            "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"" + Model + "\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"A gateway stands between the caller and the model, "
            + "adding nothing but a choice of route. It should cost less than the network hop it replaces, and never lose an answer.\","
            + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":41,\"total_tokens\":65},\"system_fingerprint\":\"fp_bench\"}");

        Events = new byte[chunks][];
        for (var i = 0; i < chunks; i++)
        {
            var role = i == 0 ? "\"role\":\"assistant\"," : string.Empty;
            var finish = i == chunks - 1 ? "\"stop\"" : "null";
            Events[i] = Encoding.UTF8.GetBytes(
                "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"" + Model + "\","
                + "\"system_fingerprint\":\"fp_bench\",\"choices\":[{\"index\":0,\"delta\":{" + role + "\"content\":\"word" + i + " \"},"
                + "\"logprobs\":null,\"finish_reason\":" + finish + "}]}\n\n");
        }

        Models = Encoding.UTF8.GetBytes("{\"object\":\"list\",\"data\":[{\"id\":\"" + Model + "\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"bench\"}]}");
    }

    /// <summary>The non-streamed answer.</summary>
    public byte[] Completion { get; }

    /// <summary>Each stream event, framed (<c>data: ...\n\n</c>).</summary>
    public byte[][] Events { get; }

    public static ReadOnlySpan<byte> Done => "data: [DONE]\n\n"u8;

    public byte[] Models { get; }
}
