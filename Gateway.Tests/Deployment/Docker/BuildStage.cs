namespace Gateway.Tests.Deployment.Docker;

/// <summary>One <c>FROM</c> stage after its instructions: the image it makes, its RUNs, and what its <c>dotnet publish</c> RUNs produce.</summary>
internal sealed record BuildStage(string? Name, ImageConfig Image, IReadOnlyList<BuildRun> Runs)
{
    /// <summary>Folder of the stage (absolute) to the context-relative project a <c>dotnet publish --output</c> RUN writes there.</summary>
    public IReadOnlyDictionary<string, string> PublishOutputs { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
