using Gateway.Tests.Deployment.Sandbox;

namespace Gateway.Tests.Deployment.Docker;

/// <summary>A RUN of a build stage: the command, where it runs, and the files the stage holds at that point.</summary>
internal sealed record BuildRun(string Command, string WorkingDirectory, IReadOnlyList<ImageLayer> Layers, int Line);
