using System.Text;

namespace Gateway.Tests.Harness;

/// <summary>Reading a streamed answer as it comes, to know what has reached the client before the test moves time on.</summary>
internal static class StreamReading
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Reads whole lines up to and including the first that contains <paramref name="text"/>; each line ends with <c>\n</c>.</summary>
    public static async Task<string> ReadThroughAsync(this StreamReader reader, string text)
    {
        var read = new StringBuilder();
        while (await reader.ReadLineAsync().WaitAsync(Patience) is { } line)
        {
            read.Append(line).Append('\n');
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return read.ToString();
            }
        }

        throw new InvalidOperationException($"the stream ended without '{text}':\n{read}");
    }
}
