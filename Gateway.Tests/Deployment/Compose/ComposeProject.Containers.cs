using Gateway.Tests.Deployment.Docker;
using Gateway.Tests.Deployment.Sandbox;
using YamlDotNet.RepresentationModel;

namespace Gateway.Tests.Deployment.Compose;

internal sealed partial class ComposeProject
{
    /// <summary>Keys of a service the tests either model or that do not change its process (start order, restarts, labels).</summary>
    private static readonly HashSet<string> ModelledKeys =
    [
        "build", "image", "ports", "environment", "volumes", "configs", "entrypoint", "command", "user", "working_dir", "healthcheck",
        "read_only", "depends_on", "restart", "profiles", "container_name", "labels", "logging", "stop_grace_period", "extra_hosts",
    ];

    /// <summary>
    /// The container <c>up</c> starts for <paramref name="service"/>: the image built from its <c>build</c>, with the service's environment over
    /// the image's (a variable listed without a value passes the shell's on), its entrypoint, command, user and health check if it sets them,
    /// its bind volumes and configs, and a fresh <c>/tmp</c> like a container's writable layer.
    /// </summary>
    public ContainerSpec ContainerOf(string service)
    {
        var definition = Service(service);
        var unmodelled = definition.Pairs().Select(pair => pair.Key).Where(key => !ModelledKeys.Contains(key)).ToList();
        if (unmodelled.Count > 0)
        {
            throw new NotSupportedException($"service {service}: {string.Join(", ", unmodelled)} not modelled by these tests");
        }

        var image = ImageOf(service, definition);
        var environment = new Dictionary<string, string>(image.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in EnvironmentOf(definition))
        {
            if ((value ?? _shell.GetValueOrDefault(name)) is { } given)
            {
                environment[name] = given;
            }
        }

        if (definition.Get("entrypoint") is { } entrypoint)
        {
            image = image with { Entrypoint = Words(service, entrypoint), Cmd = [] };
        }

        if (definition.Get("command") is { } command)
        {
            image = image with { Cmd = Words(service, command) };
        }

        image = image with
        {
            WorkingDirectory = definition.TextOrNull("working_dir") ?? image.WorkingDirectory,
            HealthCheck = HealthCheck(definition.Get("healthcheck"), image.HealthCheck),
        };
        var mounts = MountsOf(service).ToList();
        if (!mounts.Any(mount => mount.Target == "/tmp"))
        {
            mounts.Add(ContainerMount.Tmpfs("/tmp"));
        }

        return DockerRun.ContainerOf(image, $"{Name}-{service}-1", environment, definition.TextOrNull("user")) with
        {
            Mounts = mounts,
            ReadOnlyRoot = definition.TextOrNull("read_only") == "true",
        };
    }

    private ImageConfig ImageOf(string service, YamlMappingNode definition)
    {
        var build = definition.Get("build")
            ?? throw new NotSupportedException($"service {service} runs the image {definition.TextOrNull("image")}, which the tests do not start");
        if (build is YamlScalarNode context)
        {
            return DockerBuild.Image(Path.Combine(ProjectDirectory, context.Value!));
        }

        if (build.Has("args"))
        {
            throw new NotSupportedException($"service {service}: build args are not modelled by these tests");
        }

        return DockerBuild.Image(
            Path.Combine(ProjectDirectory, build.TextOrNull("context") ?? "."), build.TextOrNull("dockerfile") ?? "Dockerfile", build.TextOrNull("target"));
    }

    /// <summary>The service's <c>environment</c>, as a mapping or a <c>NAME=value</c> list; a null value means "the shell's, if set".</summary>
    private static IEnumerable<(string Name, string? Value)> EnvironmentOf(YamlMappingNode definition)
    {
        switch (definition.Get("environment"))
        {
            case YamlMappingNode mapping:
                foreach (var (name, value) in mapping.Pairs())
                {
                    yield return (name, value is YamlScalarNode scalar && !YamlFile.IsNull(scalar) ? scalar.Value : null);
                }

                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children.Select(item => item.ToString()))
                {
                    var equals = item.IndexOf('=', StringComparison.Ordinal);
                    yield return equals < 0 ? (item, null) : (item[..equals], item[(equals + 1)..]);
                }

                break;
        }
    }

    private static List<string> Words(string service, YamlNode node) => node is YamlSequenceNode list
        ? [.. list.Children.Select(item => item.ToString())]
        : throw new NotSupportedException($"service {service}: entrypoint and command in string form are not modelled; write them as lists");

    /// <summary>A service's <c>healthcheck</c> over the image's: its own <c>test</c> and timings where given; <c>disable</c> or <c>NONE</c> removes it.</summary>
    private static HealthCheckConfig? HealthCheck(YamlNode? node, HealthCheckConfig? image)
    {
        if (node is null)
        {
            return image;
        }

        if (node.TextOrNull("disable") == "true")
        {
            return null;
        }

        var command = image?.Command;
        switch (node.Get("test"))
        {
            case YamlScalarNode shell:
                command = ["/bin/sh", "-c", shell.Value!];
                break;
            case YamlSequenceNode test:
                var words = test.Children.Select(item => item.ToString()).ToList();
                if (words[0] == "NONE")
                {
                    return null;
                }

                command = words[0] == "CMD-SHELL" ? ["/bin/sh", "-c", words[1]] : words[1..];
                break;
        }

        if (command is null)
        {
            return null;
        }

        return new HealthCheckConfig(
            command,
            node.TextOrNull("interval") is { } interval ? GoDuration.Parse(interval) : image?.Interval ?? HealthCheckConfig.DefaultInterval,
            node.TextOrNull("timeout") is { } timeout ? GoDuration.Parse(timeout) : image?.Timeout ?? HealthCheckConfig.DefaultTimeout,
            node.TextOrNull("start_period") is { } start ? GoDuration.Parse(start) : image?.StartPeriod ?? TimeSpan.Zero,
            node.TextOrNull("retries") is { } retries ? int.Parse(retries, System.Globalization.CultureInfo.InvariantCulture) : image?.Retries ?? HealthCheckConfig.DefaultRetries);
    }
}
