using System.Text.Json;

namespace Gateway.Backends.OpenAI;

/// <summary>
/// A whole Responses API answer for a client that speaks the Responses API: passed on as the upstream sent it, read only for the model,
/// the usage, whether it was cut short and how much text was generated.
/// </summary>
internal static class OpenAiResponsesAnswer
{
    public static async Task<Outcome<ChatCompletion>> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var read = await OpenAiAnswers.ReadJsonAsync(response, "a response", cancellationToken);
        if (read.Failure is { } failure)
        {
            return failure;
        }

        var (body, document) = read.Value;
        using var owned = document;
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("output", out var output) || output.ValueKind != JsonValueKind.Array)
        {
            return UpstreamAnswer.WrongShape(response, "JSON that is not a response (no output array)");
        }

        return Outcome<ChatCompletion>.Ok(new ChatCompletion(body, OpenAiAnswers.StringOf(root, "model"), UsageOf(root), FinishReason(root), Generated(output))
        {
            Protocol = NativeRequest.OpenAiResponses,
        });
    }

    /// <summary>The Response object's <c>usage</c> (<c>input_tokens</c>, <c>output_tokens</c>) in the gateway's terms.</summary>
    public static Usage? UsageOf(JsonElement response) =>
        response.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object
            ? new Usage(Count(usage, "input_tokens"), Count(usage, "output_tokens"))
            : null;

    /// <summary><c>length</c> for an answer cut at its token limit, <c>stop</c> for one that completed.</summary>
    public static string? FinishReason(JsonElement response) => OpenAiAnswers.StringOf(response, "status") switch
    {
        "completed" => "stop",
        "incomplete" => "length",
        _ => null,
    };

    /// <summary>The characters of text, reasoning summary and call arguments the output items hold.</summary>
    private static int Generated(JsonElement output)
    {
        var characters = 0;
        foreach (var item in output.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            characters += (OpenAiAnswers.StringOf(item, "arguments")?.Length ?? 0) + TextIn(item, "content") + TextIn(item, "summary");
        }

        return characters;
    }

    private static int TextIn(JsonElement item, string parts)
    {
        var characters = 0;
        if (item.TryGetProperty(parts, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in array.EnumerateArray())
            {
                characters += part.ValueKind == JsonValueKind.Object ? OpenAiAnswers.StringOf(part, "text")?.Length ?? 0 : 0;
            }
        }

        return characters;
    }

    private static int Count(JsonElement usage, string property) =>
        usage.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) ? count : 0;
}
