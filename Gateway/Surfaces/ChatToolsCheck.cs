using System.Text.Json;
using Gateway.Exchange;

namespace Gateway.Surfaces;

/// <summary>
/// Checks <c>tools</c> and <c>tool_choice</c> the way OpenAI does, so a malformed definition gets the same clear 400 whichever backend
/// would have served it. Tool types other than <c>function</c> are left to the upstream.
/// </summary>
internal static class ChatToolsCheck
{
    private const int MaxNameLength = 64;

    public static ApiError? Check(JsonElement root)
    {
        if (root.TryGetProperty("tools", out var tools) && tools.ValueKind != JsonValueKind.Null)
        {
            if (tools.ValueKind != JsonValueKind.Array)
            {
                return ApiError.BadRequest($"'tools' must be an array of tool definitions, not {ChatRequestParser.Describe(tools)}.", "tools");
            }

            var index = 0;
            foreach (var tool in tools.EnumerateArray())
            {
                if (CheckTool(tool, $"tools[{index++}]") is { } error)
                {
                    return error;
                }
            }
        }

        return root.TryGetProperty("tool_choice", out var choice) ? CheckChoice(choice) : null;
    }

    private static ApiError? CheckTool(JsonElement tool, string path)
    {
        if (tool.ValueKind != JsonValueKind.Object)
        {
            return ApiError.BadRequest($"'{path}' must be an object such as {{\"type\":\"function\",\"function\":{{\"name\":...}}}}, not {ChatRequestParser.Describe(tool)}.", path);
        }

        if (!tool.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return ApiError.BadRequest($"'{path}.type' is required and must be a string such as \"function\".", $"{path}.type");
        }

        if (!type.ValueEquals("function"))
        {
            return null;
        }

        if (!tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
        {
            return ApiError.BadRequest($"'{path}.function' is required for a function tool and must be an object with 'name'.", $"{path}.function");
        }

        return CheckName(function, $"{path}.function")
            ?? Expect(function, "description", JsonValueKind.String, $"{path}.function", "a string")
            ?? Expect(function, "parameters", JsonValueKind.Object, $"{path}.function", "a JSON Schema object such as {\"type\":\"object\",\"properties\":{}}")
            ?? CheckSchemaType(function, $"{path}.function.parameters");
    }

    private static ApiError? CheckChoice(JsonElement choice)
    {
        switch (choice.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.String:
                return null;
            case JsonValueKind.Object when choice.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String:
                if (!type.ValueEquals("function"))
                {
                    return null;
                }

                return choice.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object
                    ? CheckName(function, "tool_choice.function")
                    : ApiError.BadRequest("'tool_choice.function' must be an object with the 'name' of one of the tools.", "tool_choice.function");
            default:
                return ApiError.BadRequest(
                    $"'tool_choice' must be \"none\", \"auto\", \"required\" or {{\"type\":\"function\",\"function\":{{\"name\":...}}}}, not {ChatRequestParser.Describe(choice)}.",
                    "tool_choice");
        }
    }

    private static ApiError? CheckName(JsonElement function, string path)
    {
        if (!function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            return ApiError.BadRequest($"'{path}.name' is required and must be a string.", $"{path}.name");
        }

        var text = name.GetString()!;
        if (text.Length is 0 or > MaxNameLength || !IsNameText(text))
        {
            return ApiError.BadRequest(
                $"'{path}.name' must be 1 to {MaxNameLength} characters of a-z, A-Z, 0-9, '_' and '-'.", $"{path}.name", "invalid_function_name");
        }

        return null;
    }

    private static ApiError? Expect(JsonElement function, string property, JsonValueKind kind, string path, string what) =>
        function.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null && value.ValueKind != kind
            ? ApiError.BadRequest($"'{path}.{property}' must be {what}, not {ChatRequestParser.Describe(value)}.", $"{path}.{property}")
            : null;

    /// <summary>A schema's <c>type</c> is a type name or a list of them.</summary>
    private static ApiError? CheckSchemaType(JsonElement function, string path)
    {
        if (!function.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("type", out var type) || type.ValueKind == JsonValueKind.String)
        {
            return null;
        }

        if (type.ValueKind == JsonValueKind.Array && type.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String))
        {
            return null;
        }

        return ApiError.BadRequest($"'{path}.type' must be a JSON Schema type name such as \"object\", not {ChatRequestParser.Describe(type)}.", $"{path}.type");
    }

    private static bool IsNameText(string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
