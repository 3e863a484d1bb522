using System.Text.Json;
using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Exchange;

namespace Gateway.Surfaces;

/// <summary>
/// Parses and checks an OpenAI chat-completions body once. Whatever is wrong is answered with a 4xx that names the field and says what
/// would be valid; fields the gateway does not model are kept for the upstream.
/// </summary>
internal static class ChatRequestParser
{
    private static readonly HashSet<string> Roles = ["system", "developer", "user", "assistant", "tool", "function"];

    public static async Task<(ChatRequest? Request, ApiError? Error)> ParseAsync(HttpRequest http, GlobalDefaults defaults, CancellationToken cancellationToken)
    {
        var (document, error) = await RequestBody.ReadJsonAsync(http, cancellationToken);
        if (document is null)
        {
            return (null, error);
        }

        return Parse(document, defaults, RequestLimits.For(http.HttpContext));
    }

    /// <summary>
    /// Checks a Chat Completions body already parsed (read from the client, or decoded from another surface's protocol) and makes it the
    /// gateway's request; on an error the document is disposed.
    /// </summary>
    public static (ChatRequest? Request, ApiError? Error) Parse(JsonDocument document, GlobalDefaults defaults, RequestLimits limits)
    {
        var error = Check(document.RootElement, limits);
        if (error is not null)
        {
            document.Dispose();
            return (null, error);
        }

        var root = document.RootElement;
        var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var includeUsage = stream
            && root.TryGetProperty("stream_options", out var options) && options.ValueKind == JsonValueKind.Object
            && options.TryGetProperty("include_usage", out var usage) && usage.ValueKind == JsonValueKind.True;

        var request = new ChatRequest(document, root.GetProperty("model").GetString()!, stream, includeUsage)
        {
            DefaultTemperature = defaults.Temperature,
            DefaultMaxTokens = defaults.MaxTokens,
        };
        return (request, null);
    }

    private static ApiError? Check(JsonElement root, RequestLimits limits)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ApiError.BadRequest($"The request body must be a JSON object, not {Describe(root.ValueKind)}.");
        }

        if (!root.TryGetProperty("model", out var model) || model.ValueKind == JsonValueKind.Null)
        {
            return ApiError.BadRequest("You must provide a model parameter, e.g. \"model\": \"generator\". List the models with GET /v1/models.", "model");
        }

        if (model.ValueKind != JsonValueKind.String || model.GetString()!.Trim().Length == 0)
        {
            return ApiError.BadRequest($"'model' must be a non-empty string, not {Describe(model)}.", "model");
        }

        return CheckModelName(model.GetString()!) ?? CheckMessages(root, limits) ?? ChatFieldsCheck.Check(root) ?? ChatToolsCheck.Check(root);
    }

    /// <summary>A <c>model</c> that cannot be a model name (control characters, a path, a URL) is refused before it is routed or logged.</summary>
    internal static ApiError? CheckModelName(string model) =>
        ModelName.Problem(model.Trim()) is { } problem ? ApiError.BadRequest($"'model' {problem}.", "model", "invalid_model") : null;

    internal static ApiError? CheckMessages(JsonElement root, RequestLimits limits)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind == JsonValueKind.Null)
        {
            return ApiError.BadRequest("Missing required parameter: 'messages' (an array of {\"role\", \"content\"} objects).", "messages");
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            return ApiError.BadRequest($"'messages' must be an array, not {Describe(messages)}.", "messages");
        }

        var count = messages.GetArrayLength();
        if (count == 0)
        {
            return ApiError.BadRequest("'messages' must contain at least one message.", "messages");
        }

        if (count > limits.MaxMessages)
        {
            return ApiError.BadRequest(
                $"'messages' holds {count} messages; this gateway accepts at most {limits.MaxMessages} in one request (server.max_messages).",
                "messages",
                "array_above_max_length");
        }

        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var path = $"messages[{index++}]";
            if (message.ValueKind != JsonValueKind.Object)
            {
                return ApiError.BadRequest($"'{path}' must be an object with 'role' and 'content', not {Describe(message)}.", path);
            }

            if (!message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
            {
                return ApiError.BadRequest($"'{path}.role' is required and must be a string: one of system, developer, user, assistant, tool.", $"{path}.role");
            }

            if (!Roles.Contains(role.GetString()!))
            {
                return ApiError.BadRequest($"'{path}.role' is '{Truncate(role.GetString()!)}'; valid roles: system, developer, user, assistant, tool.", $"{path}.role");
            }

            if (message.TryGetProperty("content", out var content)
                && content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array or JsonValueKind.Null))
            {
                return ApiError.BadRequest($"'{path}.content' must be a string, an array of content parts or null, not {Describe(content)}.", $"{path}.content");
            }
        }

        return null;
    }

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Truncate(value.GetRawText())}",
        _ => Describe(value.ValueKind),
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Number => "a number",
        _ => "a string",
    };

    /// <summary>The first 40 characters (never half of a surrogate pair, which JSON cannot carry).</summary>
    private static string Truncate(string text)
    {
        if (text.Length <= 40)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[39]) ? 39 : 40;
        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
