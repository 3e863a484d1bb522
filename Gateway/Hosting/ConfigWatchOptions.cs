namespace Gateway.Hosting;

/// <summary>How often the config file is looked at for edits. An edit applies once the file reads the same twice in a row.</summary>
internal sealed record ConfigWatchOptions
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);
}
