using System.Text.Json;
using Gateway.Tests.ClaudeCode;

namespace Gateway.Tests.Codex;

/// <summary>
/// One <c>codex exec --json</c> run: how the process ended, and the events it printed, one JSON object a line
/// (<c>thread.started</c>, <c>turn.started</c>, <c>item.started</c>/<c>item.completed</c>, <c>turn.completed</c> or <c>turn.failed</c>).
/// </summary>
internal sealed record CodexRun(ProcessResult Process, IReadOnlyList<JsonElement> Events)
{
    public static CodexRun From(ProcessResult process) => new(process, [.. Parse(process.Output)]);

    /// <summary>Exit code 0 and a <c>turn.completed</c> event.</summary>
    public bool Completed => Process.ExitCode == 0 && Events.Any(e => TypeOf(e) == "turn.completed");

    /// <summary>The items the run finished, in order (<c>agent_message</c>, <c>command_execution</c>, <c>error</c>, ...).</summary>
    public IReadOnlyList<JsonElement> Items =>
        [.. Events.Where(e => TypeOf(e) == "item.completed" && e.TryGetProperty("item", out _)).Select(e => e.GetProperty("item"))];

    /// <summary>The text of every <c>agent_message</c>, in order.</summary>
    public IReadOnlyList<string> Messages => [.. ItemsOf("agent_message").Select(item => Text(item, "text")).OfType<string>()];

    public IReadOnlyList<JsonElement> Commands => ItemsOf("command_execution");

    public IReadOnlyList<JsonElement> ItemsOf(string type) => [.. Items.Where(item => TypeOf(item) == type)];

    public static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public override string ToString() => Process.ToString();

    private static string? TypeOf(JsonElement element) => Text(element, "type");

    private static IEnumerable<JsonElement> Parse(string output)
    {
        foreach (var line in output.Split('\n').Select(text => text.Trim()).Where(text => text.StartsWith('{')))
        {
            JsonElement? parsed;
            try
            {
                using var document = JsonDocument.Parse(line);
                parsed = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                parsed = null;
            }

            if (parsed is { } element)
            {
                yield return element;
            }
        }
    }
}
