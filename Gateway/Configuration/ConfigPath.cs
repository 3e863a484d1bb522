namespace Gateway.Configuration;

/// <summary>Builds the key paths shown in messages: <c>llm.ollama.context_windows["qwen2.5-coder:14b"]</c>.</summary>
internal static class ConfigPath
{
    public static string Append(string parent, string key)
    {
        if (!IsPlain(key))
        {
            return $"{parent}[\"{key}\"]";
        }

        return parent.Length == 0 ? key : $"{parent}.{key}";
    }

    private static bool IsPlain(string key)
    {
        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
            {
                return false;
            }
        }

        return key.Length > 0;
    }
}
