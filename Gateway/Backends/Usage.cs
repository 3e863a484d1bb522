namespace Gateway.Backends;

/// <summary>Token usage of one answer, in OpenAI's terms.</summary>
internal readonly record struct Usage(int PromptTokens, int CompletionTokens)
{
    public int TotalTokens => PromptTokens + CompletionTokens;
}
