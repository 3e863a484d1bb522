namespace Gateway.Tests.Deployment.Docker;

/// <summary>An account of an image's <c>/etc/passwd</c>.</summary>
internal sealed record ImageUser(string Name, int Uid, int Gid, string Home);
