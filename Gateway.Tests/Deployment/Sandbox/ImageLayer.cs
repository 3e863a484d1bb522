namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>A file or folder of an image: <see cref="Destination"/> in the container holds what <see cref="HostPath"/> holds here.</summary>
internal sealed record ImageLayer(string Destination, string HostPath)
{
    public bool IsDirectory => Directory.Exists(HostPath);
}
