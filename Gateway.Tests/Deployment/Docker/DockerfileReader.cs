namespace Gateway.Tests.Deployment.Docker;

/// <summary>
/// Splits a Dockerfile into instructions the way BuildKit's parser does for the default escape character: comment lines are dropped
/// (also inside a continuation), a trailing <c>\</c> joins the next line, and blank lines inside a continuation are skipped.
/// </summary>
internal static class DockerfileReader
{
    public static IReadOnlyList<DockerInstruction> Read(string path)
    {
        var instructions = new List<DockerInstruction>();
        var pending = new List<string>();
        var start = 0;
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Count == 0))
            {
                continue;
            }

            if (pending.Count == 0)
            {
                start = number;
            }

            var continues = line.EndsWith('\\');
            pending.Add(continues ? line[..^1].TrimEnd() : line);
            if (continues)
            {
                continue;
            }

            instructions.Add(Instruction(string.Join(' ', pending.Where(part => part.Length > 0)), start));
            pending.Clear();
        }

        if (pending.Count > 0)
        {
            instructions.Add(Instruction(string.Join(' ', pending), start));
        }

        return instructions;
    }

    private static DockerInstruction Instruction(string text, int line)
    {
        var space = text.IndexOfAny([' ', '\t']);
        return space < 0
            ? new DockerInstruction(text.ToUpperInvariant(), "", line)
            : new DockerInstruction(text[..space].ToUpperInvariant(), text[(space + 1)..].Trim(), line);
    }
}
