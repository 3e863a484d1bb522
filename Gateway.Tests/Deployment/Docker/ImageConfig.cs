using System.Globalization;
using Gateway.Tests.Deployment.Sandbox;

namespace Gateway.Tests.Deployment.Docker;

/// <summary>
/// What <c>docker build</c> records for an image and <c>docker run</c> starts from: environment, working directory, user, entrypoint and
/// command, health check, exposed ports, and its files (as layers of this machine's files), plus the accounts of its <c>/etc/passwd</c>.
/// </summary>
internal sealed record ImageConfig
{
    public required string Name { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string WorkingDirectory { get; init; } = "/";

    /// <summary>As written after substitution: a name or uid, optionally <c>:group</c>; empty for root.</summary>
    public string User { get; init; } = "";

    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    public IReadOnlyList<string> Cmd { get; init; } = [];

    public HealthCheckConfig? HealthCheck { get; init; }

    public IReadOnlyList<int> ExposedPorts { get; init; } = [];

    public IReadOnlyList<ImageLayer> Layers { get; init; } = [];

    public IReadOnlyList<ImageUser> Users { get; init; } = [];

    /// <summary>What the container runs: the entrypoint followed by the command.</summary>
    public IReadOnlyList<string> Command => [.. Entrypoint, .. Cmd];

    /// <summary>
    /// The uid and gid a <c>USER</c> value (<c>name</c>, <c>uid</c>, either with <c>:group</c>) runs as, looked up in the image's accounts as the
    /// container runtime does: a uid without an account runs with gid 0.
    /// </summary>
    public ContainerUser ResolveUser(string user)
    {
        if (user.Length == 0)
        {
            return new ContainerUser(0, 0);
        }

        var colon = user.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? user : user[..colon];
        var account = int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            ? Users.FirstOrDefault(u => u.Uid == uid)
            : Users.FirstOrDefault(u => u.Name == name) ?? throw new InvalidOperationException($"{Name}: USER {user}: no account '{name}' in the image");
        uid = account?.Uid ?? uid;
        var gid = colon < 0 ? account?.Gid ?? 0 : int.Parse(user[(colon + 1)..], CultureInfo.InvariantCulture);
        return new ContainerUser(uid, gid);
    }

    /// <summary>The home directory of <paramref name="uid"/>'s account, which the runtime gives as <c>HOME</c> when the image sets none.</summary>
    public string HomeOf(int uid) => Users.FirstOrDefault(u => u.Uid == uid)?.Home ?? "/";
}
