using System.Text.Json;

namespace Gateway.Backends.Anthropic;

/// <summary>
/// Writes Anthropic's <c>messages</c> array from OpenAI's. System and developer messages are left out (they go to the top-level
/// <c>system</c>); <c>tool</c> messages become <c>tool_result</c> blocks of a user turn; consecutive messages that land on the same
/// role are merged into one turn with several content blocks, since Anthropic alternates user and assistant turns.
/// </summary>
internal static class AnthropicMessagesWriter
{
    /// <summary>
    /// The user turn put in front of a conversation that would otherwise start with the assistant (a greeting shown by a chat UI)
    /// or have no turn at all (everything in the system prompt): the Messages API requires the first turn to be the user's.
    /// </summary>
    internal const string ConversationStart = "(conversation start)";

    public static void Write(Utf8JsonWriter json, JsonElement messages)
    {
        json.WriteStartArray("messages");
        string? openTurn = null;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var role = RoleOf(message, index);
            var turn = role switch
            {
                "system" or "developer" => null,
                "user" or "tool" => "user",
                "assistant" => "assistant",
                _ => throw new UnsupportedRequestException(
                    $"message role '{role}' has no Anthropic equivalent; use system, developer, user, assistant or tool", $"messages[{index}].role"),
            };

            if (turn is not null)
            {
                if (turn != openTurn)
                {
                    if (openTurn is not null)
                    {
                        EndTurn(json);
                    }
                    else if (turn != "user")
                    {
                        WriteConversationStart(json);
                    }

                    StartTurn(json, turn);
                    openTurn = turn;
                }

                WriteBlocks(json, role, message, index);
            }

            index++;
        }

        if (openTurn is null)
        {
            WriteConversationStart(json);
        }
        else
        {
            EndTurn(json);
        }

        json.WriteEndArray();
    }

    /// <summary>The OpenAI <c>role</c> of message <paramref name="index"/>.</summary>
    public static string RoleOf(JsonElement message, int index)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
        {
            throw new UnsupportedRequestException("every message needs a string role", $"messages[{index}].role");
        }

        return role.GetString()!;
    }

    private static void WriteBlocks(Utf8JsonWriter json, string role, JsonElement message, int index)
    {
        switch (role)
        {
            case "user":
                if (message.TryGetProperty("content", out var content))
                {
                    AnthropicContentWriter.WriteParts(json, content, index);
                }

                break;
            case "assistant":
                AnthropicContentWriter.WriteAssistant(json, message, index);
                break;
            default:
                AnthropicContentWriter.WriteToolResult(json, message, index);
                break;
        }
    }

    private static void StartTurn(Utf8JsonWriter json, string role)
    {
        json.WriteStartObject();
        json.WriteString("role", role);
        json.WriteStartArray("content");
    }

    private static void EndTurn(Utf8JsonWriter json)
    {
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteConversationStart(Utf8JsonWriter json)
    {
        StartTurn(json, "user");
        AnthropicContentWriter.WriteText(json, ConversationStart);
        EndTurn(json);
    }
}
