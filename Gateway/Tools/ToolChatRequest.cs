using System.Buffers;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Configuration;

namespace Gateway.Tools;

/// <summary>
/// Turns a tool invocation into the OpenAI chat request the dispatcher serves: the tool's system prompt (unless the conversation
/// starts with its own), the conversation given, then the rendered template as the user's turn. Defaults come from the tool, then
/// <c>global_defaults</c>; a temperature or max_tokens in the invocation beats both.
/// </summary>
internal static class ToolChatRequest
{
    /// <summary>The template a tool renders its input with: its <c>prompt_template</c>, else the input as it is.</summary>
    public static PromptTemplate TemplateOf(ToolConfig tool) =>
        tool.PromptTemplate is { } text && PromptTemplate.TryParse(text, out var template, out _) ? template : PromptTemplate.InputOnly;

    /// <summary>The first template variable <paramref name="invocation"/> has no value for, or null when it can be rendered.</summary>
    public static string? MissingVariable(ToolConfig tool, ToolInvocation invocation)
    {
        if (invocation.Input is null)
        {
            return null; // only messages: the template is not used
        }

        foreach (var variable in TemplateOf(tool).Variables)
        {
            if (variable != PromptTemplate.Input && !invocation.Variables.ContainsKey(variable))
            {
                return variable;
            }
        }

        return null;
    }

    /// <summary>The chat request for an invocation that <see cref="MissingVariable"/> found complete.</summary>
    public static ChatRequest Build(ToolConfig tool, ToolInvocation invocation, GlobalDefaults defaults, string model)
    {
        var prompt = invocation.Input is { } input ? TemplateOf(tool).Render(input, invocation.Variables, out _) : null;

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            WriteMessages(json, tool.SystemPrompt, invocation.Messages, prompt);
            if (invocation.Stream)
            {
                json.WriteBoolean("stream", true);
                json.WriteStartObject("stream_options");
                json.WriteBoolean("include_usage", true);
                json.WriteEndObject();
            }

            if (invocation.Temperature is { } temperature)
            {
                json.WriteNumber("temperature", temperature);
            }

            if (invocation.MaxTokens is { } maxTokens)
            {
                json.WriteNumber("max_tokens", maxTokens);
            }

            json.WriteEndObject();
        }

        return new ChatRequest(JsonDocument.Parse(buffer.WrittenMemory), model, invocation.Stream, includeUsage: invocation.Stream)
        {
            DefaultTemperature = tool.Temperature ?? defaults.Temperature,
            DefaultMaxTokens = tool.MaxTokens ?? defaults.MaxTokens,
        };
    }

    private static void WriteMessages(Utf8JsonWriter json, string? systemPrompt, JsonElement? conversation, string? prompt)
    {
        json.WriteStartArray("messages");
        if (systemPrompt is not null && !StartsWithInstructions(conversation))
        {
            WriteMessage(json, "system", systemPrompt);
        }

        if (conversation is { } messages)
        {
            foreach (var message in messages.EnumerateArray())
            {
                message.WriteTo(json);
            }
        }

        if (prompt is not null)
        {
            WriteMessage(json, "user", prompt);
        }

        json.WriteEndArray();
    }

    private static bool StartsWithInstructions(JsonElement? conversation) =>
        conversation is { } messages && messages.GetArrayLength() > 0
        && messages[0].TryGetProperty("role", out var role) && role.GetString() is "system" or "developer";

    private static void WriteMessage(Utf8JsonWriter json, string role, string content)
    {
        json.WriteStartObject();
        json.WriteString("role", role);
        json.WriteString("content", content);
        json.WriteEndObject();
    }
}
