namespace Gateway.Tests.Deployment.Docker;

/// <summary><c>docker build</c> would fail on this Dockerfile; the message says which instruction and why.</summary>
internal sealed class DockerBuildException(string message) : Exception(message);
