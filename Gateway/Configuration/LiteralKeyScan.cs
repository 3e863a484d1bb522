using YamlDotNet.RepresentationModel;

namespace Gateway.Configuration;

/// <summary>
/// Finds API keys written out in the file (<c>api_key: "sk-..."</c>) rather than referenced (<c>api_key: "${OPENAI_API_KEY}"</c>), so the
/// gateway can warn when such a file is readable by other users. Reports where, never what.
/// </summary>
internal static class LiteralKeyScan
{
    public static IReadOnlyList<string> Find(YamlNode root)
    {
        var found = new List<string>();
        Walk(root, "", found);
        return found;
    }

    private static void Walk(YamlNode node, string path, List<string> found)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { Length: > 0 } name })
                    {
                        continue;
                    }

                    var child = ConfigPath.Append(path, name);
                    if (name is "api_key" or "api_keys")
                    {
                        CollectLiterals(value, child, found);
                    }
                    else
                    {
                        Walk(value, child, found);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Walk(sequence.Children[i], $"{path}[{i}]", found);
                }

                break;
        }
    }

    private static void CollectLiterals(YamlNode value, string path, List<string> found)
    {
        if (value is YamlSequenceNode list)
        {
            for (var i = 0; i < list.Children.Count; i++)
            {
                CollectLiterals(list.Children[i], $"{path}[{i}]", found);
            }

            return;
        }

        if (value is YamlScalarNode { Value: { Length: > 0 } text } && text is not ("~" or "null") && !text.Contains("${", StringComparison.Ordinal))
        {
            found.Add($"{path} (line {value.Start.Line})");
        }
    }
}
