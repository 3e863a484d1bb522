namespace Gateway.Tests.Deployment.Docker;

/// <summary>One Dockerfile instruction: its keyword in upper case, the rest of it (continuations joined) and the line it starts on.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    public override string ToString() => $"line {Line}: {Keyword} {Arguments}";
}
