namespace Gateway.Hosting;

/// <summary>Where the config in force was read from, and where its <c>${VAR}</c> references are looked up; a reload reads the same way.</summary>
internal sealed record ConfigSource(string Path, Func<string, string?> Environment);
