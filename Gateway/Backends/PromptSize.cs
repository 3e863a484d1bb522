namespace Gateway.Backends;

/// <summary>A prompt's estimated size: the total, each message's share, and how it was counted (<c>o200k_base</c>, <c>heuristic</c>).</summary>
internal sealed record PromptSize(int Total, int[] PerMessage, string Method);
