using System.Text.Json;
using Gateway.Configuration;
using Gateway.Exchange;
using Gateway.Surfaces;

namespace Gateway.Tools;

/// <summary>
/// The body of <c>POST /tools/{name}/invoke</c>: <c>input</c> (the text for the template's <c>{input}</c>), <c>variables</c> (the other
/// placeholders), and/or <c>messages</c> (an OpenAI conversation to continue), plus <c>stream</c>, <c>temperature</c>, <c>max_tokens</c>.
/// </summary>
internal sealed record ToolInvocation
{
    private static readonly string[] Fields = ["input", "variables", "messages", "stream", "temperature", "max_tokens"];

    /// <summary>The caller's input; null when only <see cref="Messages"/> were sent.</summary>
    public string? Input { get; init; }

    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The conversation so far (validated like chat's <c>messages</c>), or null.</summary>
    public JsonElement? Messages { get; init; }

    public bool Stream { get; init; }

    public double? Temperature { get; init; }

    public int? MaxTokens { get; init; }

    /// <summary>Reads and checks <paramref name="root"/>; on failure <paramref name="error"/> names the field and says what would be valid.</summary>
    public static bool TryRead(JsonElement root, RequestLimits limits, out ToolInvocation invocation, out InvocationError? error)
    {
        invocation = new ToolInvocation();
        error = Check(root, limits);
        if (error is not null)
        {
            return false;
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("variables", out var given) && given.ValueKind == JsonValueKind.Object)
        {
            foreach (var variable in given.EnumerateObject())
            {
                variables[variable.Name] = Text(variable.Value);
            }
        }

        var input = root.TryGetProperty("input", out var inputValue) && inputValue.ValueKind == JsonValueKind.String ? inputValue.GetString()
            : variables.TryGetValue(PromptTemplate.Input, out var fromVariables) ? fromVariables
            : null;

        invocation = new ToolInvocation
        {
            Input = input,
            Variables = variables,
            Messages = root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array ? messages : null,
            Stream = root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True,
            Temperature = root.TryGetProperty("temperature", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null,
            MaxTokens = root.TryGetProperty("max_tokens", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32() : null,
        };

        if (invocation.Input is null && invocation.Messages is null)
        {
            error = new InvocationError("input", "Send \"input\" (the text for the tool) or \"messages\" (a conversation to continue), e.g. {\"input\": \"...\"}.");
            return false;
        }

        return true;
    }

    private static InvocationError? Check(JsonElement root, RequestLimits limits)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new InvocationError("", $"The request body must be a JSON object such as {{\"input\": \"...\"}}, not {ChatRequestParser.Describe(root)}.");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!Fields.Contains(property.Name))
            {
                var hint = Configuration.DidYouMean.Hint(property.Name, Fields);
                return new InvocationError(property.Name, $"Unknown field '{property.Name}'; valid fields: {string.Join(", ", Fields)}{hint}.");
            }
        }

        if (root.TryGetProperty("input", out var input) && input.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            return new InvocationError("input", $"'input' must be a string, not {ChatRequestParser.Describe(input)}.");
        }

        return CheckVariables(root) ?? CheckMessages(root, limits) ?? CheckScalars(root);
    }

    private static InvocationError? CheckVariables(JsonElement root)
    {
        if (!root.TryGetProperty("variables", out var variables) || variables.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (variables.ValueKind != JsonValueKind.Object)
        {
            return new InvocationError("variables", $"'variables' must be an object of name: text, not {ChatRequestParser.Describe(variables)}.");
        }

        foreach (var variable in variables.EnumerateObject())
        {
            if (variable.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
            {
                return new InvocationError($"variables.{variable.Name}", $"Variable '{variable.Name}' must be text (or a number or boolean), not {ChatRequestParser.Describe(variable.Value)}.");
            }
        }

        return null;
    }

    private static InvocationError? CheckMessages(JsonElement root, RequestLimits limits)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return ChatRequestParser.CheckMessages(root, limits) is { } error ? new InvocationError(error.Param ?? "messages", error.Message) : null;
    }

    private static InvocationError? CheckScalars(JsonElement root)
    {
        if (root.TryGetProperty("stream", out var stream) && stream.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
        {
            return new InvocationError("stream", $"'stream' must be a boolean, not {ChatRequestParser.Describe(stream)}.");
        }

        if (root.TryGetProperty("temperature", out var temperature) && temperature.ValueKind != JsonValueKind.Null
            && (temperature.ValueKind != JsonValueKind.Number || temperature.GetDouble() is < 0 or > 2))
        {
            return new InvocationError("temperature", $"'temperature' must be a number from 0 to 2, not {ChatRequestParser.Describe(temperature)}.");
        }

        if (root.TryGetProperty("max_tokens", out var max) && max.ValueKind != JsonValueKind.Null
            && (max.ValueKind != JsonValueKind.Number || !max.TryGetInt32(out var value) || value < 1))
        {
            return new InvocationError("max_tokens", $"'max_tokens' must be a whole number above 0, not {ChatRequestParser.Describe(max)}.");
        }

        return null;
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };
}

/// <summary>What is wrong with an invocation: the field (<c>variables.language</c>) and a message saying what would be valid.</summary>
internal sealed record InvocationError(string Field, string Message);
