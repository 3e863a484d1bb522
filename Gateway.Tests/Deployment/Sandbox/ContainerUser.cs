namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>The numeric user and group a container's process runs as.</summary>
internal sealed record ContainerUser(int Uid, int Gid)
{
    public override string ToString() => $"{Uid}:{Gid}";
}
