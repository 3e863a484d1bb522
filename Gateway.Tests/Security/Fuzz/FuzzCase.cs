using System.Text;

namespace Gateway.Tests.Security.Fuzz;

/// <summary>One generated request: what to send, and how it was made from a valid one.</summary>
internal sealed record FuzzCase(string Method, string Path, IReadOnlyList<(string Name, string Value)> Headers, byte[]? Body, IReadOnlyList<string> Steps)
{
    public override string ToString()
    {
        var text = new StringBuilder($"{Method} {Path}");
        foreach (var (name, value) in Headers)
        {
            text.Append($"\n{name}: {Escape(value, 80)}");
        }

        text.Append("\nmutations: ").Append(string.Join("; ", Steps));
        if (Body is not null)
        {
            text.Append($"\nbody ({Body.Length} bytes): ").Append(Escape(Encoding.UTF8.GetString(Body), 600));
        }

        return text.ToString();
    }

    private static string Escape(string text, int max)
    {
        var shown = text.Length <= max ? text : text[..max] + "…";
        var escaped = new StringBuilder(shown.Length);
        foreach (var c in shown)
        {
            escaped.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return escaped.ToString();
    }
}
