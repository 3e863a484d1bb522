namespace Gateway.Tests.Parity.Responses;

/// <summary>A call an assistant turn made, as the upstream was told of it; <paramref name="Id"/> null where the protocol has no ids.</summary>
internal sealed record UpstreamCall(string? Id, string Name, string Arguments);

/// <summary>
/// One turn of the conversation the upstream received: its role (<c>tool</c> for a call's result), its text, its images (base64 data),
/// the calls of an assistant turn, and for a result the key that joins it to its call (the call id, or Ollama's tool name).
/// </summary>
internal sealed record UpstreamTurn(string Role, string Text, IReadOnlyList<string> Images, IReadOnlyList<UpstreamCall> Calls, string? ResultFor = null)
{
    public static UpstreamTurn Say(string role, string text) => new(role, text, [], []);

    public override string ToString() =>
        $"{Role}: '{Text}'{string.Concat(Images.Select(i => $" image {i}"))}{string.Concat(Calls.Select(c => $" call {c.Id} {c.Name}{c.Arguments}"))}{(ResultFor is null ? "" : $" for {ResultFor}")}";
}

/// <summary>A function tool as the upstream was offered it.</summary>
internal sealed record UpstreamTool(string Name, string? Description, string Parameters);

/// <summary>
/// What an upstream was asked, whatever its protocol: read from its request by <see cref="UpstreamReaders"/> so that one expectation
/// per scenario (<see cref="UpstreamExpectations"/>) holds for every backend. <see cref="SchemaName"/> is null where the protocol
/// carries no name (Ollama's <c>format</c>, Anthropic's prompt).
/// </summary>
internal sealed record UpstreamView(
    string? System,
    IReadOnlyList<UpstreamTurn> Turns,
    IReadOnlyList<UpstreamTool> Tools,
    int? MaxTokens,
    string? Schema,
    string? SchemaName,
    bool Stream);
