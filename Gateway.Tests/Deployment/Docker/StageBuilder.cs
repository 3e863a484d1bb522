using System.Globalization;
using Gateway.Tests.Deployment.Sandbox;

namespace Gateway.Tests.Deployment.Docker;

/// <summary>One stage of a <see cref="DockerBuild"/> while its instructions are applied, in order, as the builder applies them.</summary>
internal sealed partial class StageBuilder
{
    private static readonly HashSet<string> Ignored = ["LABEL", "MAINTAINER", "STOPSIGNAL"];

    private readonly string? _name;
    private readonly string _context;
    private readonly DockerIgnore _ignore;
    private readonly IReadOnlyList<BuildStage> _earlier;
    private readonly ImageConfig _base;
    private readonly Dictionary<string, string> _env;
    private readonly Dictionary<string, string> _args;
    private readonly List<ImageLayer> _layers;
    private readonly List<BuildRun> _runs = [];
    private readonly Dictionary<string, string> _publishOutputs;
    private readonly List<int> _exposed;
    private string _workdir;
    private string _user;
    private IReadOnlyList<string> _entrypoint;
    private IReadOnlyList<string> _cmd;
    private HealthCheckConfig? _healthCheck;

    private StageBuilder(string? name, ImageConfig image, BuildStage? parent, string context, DockerIgnore ignore, IReadOnlyList<BuildStage> earlier)
    {
        _name = name;
        _context = context;
        _ignore = ignore;
        _earlier = earlier;
        _base = image;
        _env = new Dictionary<string, string>(image.Environment, StringComparer.Ordinal);
        _args = new Dictionary<string, string>(StringComparer.Ordinal);
        _layers = [.. image.Layers];
        _publishOutputs = new Dictionary<string, string>(parent?.PublishOutputs ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        _exposed = [.. image.ExposedPorts];
        _workdir = image.WorkingDirectory;
        _user = image.User;
        _entrypoint = image.Entrypoint;
        _cmd = image.Cmd;
        _healthCheck = image.HealthCheck;
    }

    private Dictionary<string, string> Variables
    {
        get
        {
            var variables = new Dictionary<string, string>(_args, StringComparer.Ordinal);
            foreach (var (key, value) in _env)
            {
                variables[key] = value;
            }

            return variables;
        }
    }

    public static StageBuilder From(
        DockerInstruction from, IReadOnlyDictionary<string, string> globalArgs, IReadOnlyList<BuildStage> earlier, string context, DockerIgnore ignore)
    {
        var (_, words) = DockerWords.Flags(DockerWords.Split(from.Arguments, globalArgs));
        var reference = words[0];
        var name = words.Count == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
        var parent = earlier.FirstOrDefault(stage => stage.Name == reference);
        return new StageBuilder(name, parent?.Image ?? BaseImages.For(reference), parent, context, ignore, earlier);
    }

    public void Apply(DockerInstruction instruction)
    {
        switch (instruction.Keyword)
        {
            case "ENV":
                ApplyEnv(instruction);
                break;
            case "ARG":
                foreach (var word in DockerWords.Split(instruction.Arguments, Variables))
                {
                    var equals = word.IndexOf('=', StringComparison.Ordinal);
                    _args[equals < 0 ? word : word[..equals]] = equals < 0 ? "" : word[(equals + 1)..];
                }

                break;
            case "WORKDIR":
                _workdir = ContainerPath.Resolve(_workdir, DockerWords.Split(instruction.Arguments, Variables).Single());
                break;
            case "USER":
                _user = DockerWords.Split(instruction.Arguments, Variables).Single();
                break;
            case "EXPOSE":
                _exposed.AddRange(DockerWords.Split(instruction.Arguments, Variables)
                    .Select(port => int.Parse(port.Split('/')[0], CultureInfo.InvariantCulture)));
                break;
            case "ENTRYPOINT":
                _entrypoint = DockerWords.Command(instruction.Arguments);
                _cmd = ReferenceEquals(_cmd, _base.Cmd) ? [] : _cmd;
                break;
            case "CMD":
                _cmd = DockerWords.Command(instruction.Arguments);
                break;
            case "HEALTHCHECK":
                _healthCheck = HealthCheck(instruction);
                break;
            case "COPY":
                ApplyCopy(instruction);
                break;
            case "RUN":
                ApplyRun(instruction);
                break;
            default:
                if (!Ignored.Contains(instruction.Keyword))
                {
                    throw new NotSupportedException($"{instruction}: these tests do not model {instruction.Keyword}");
                }

                break;
        }
    }

    public BuildStage Build() => new(
        _name,
        _base with
        {
            Environment = new Dictionary<string, string>(_env, StringComparer.Ordinal),
            WorkingDirectory = _workdir,
            User = _user,
            Entrypoint = _entrypoint,
            Cmd = _cmd,
            HealthCheck = _healthCheck,
            ExposedPorts = [.. _exposed],
            Layers = [.. _layers],
        },
        [.. _runs])
    {
        PublishOutputs = new Dictionary<string, string>(_publishOutputs, StringComparer.Ordinal),
    };

    /// <summary><c>ENV k=v k2="v 2"</c>, each value substituted with what came before it; the legacy <c>ENV k v</c> too.</summary>
    private void ApplyEnv(DockerInstruction instruction)
    {
        var words = DockerWords.Split(instruction.Arguments, Variables);
        if (words.Count > 0 && !words[0].Contains('=', StringComparison.Ordinal))
        {
            var space = instruction.Arguments.IndexOf(' ', StringComparison.Ordinal);
            _env[words[0]] = string.Join(' ', DockerWords.Split(instruction.Arguments[(space + 1)..], Variables));
            return;
        }

        foreach (var pair in DockerWords.Split(instruction.Arguments, Variables))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            _env[pair[..equals]] = pair[(equals + 1)..];
        }
    }

    private static HealthCheckConfig? HealthCheck(DockerInstruction instruction)
    {
        var text = instruction.Arguments;
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        while (text.StartsWith("--", StringComparison.Ordinal))
        {
            var end = text.IndexOf(' ', StringComparison.Ordinal);
            var flag = text[2..end];
            var equals = flag.IndexOf('=', StringComparison.Ordinal);
            flags[flag[..equals]] = flag[(equals + 1)..];
            text = text[end..].TrimStart();
        }

        if (text.Equals("NONE", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!text.StartsWith("CMD ", StringComparison.OrdinalIgnoreCase))
        {
            throw new DockerBuildException($"{instruction}: expected CMD or NONE");
        }

        return new HealthCheckConfig(
            DockerWords.Command(text[4..].Trim()),
            flags.TryGetValue("interval", out var interval) ? GoDuration.Parse(interval) : HealthCheckConfig.DefaultInterval,
            flags.TryGetValue("timeout", out var timeout) ? GoDuration.Parse(timeout) : HealthCheckConfig.DefaultTimeout,
            flags.TryGetValue("start-period", out var start) ? GoDuration.Parse(start) : TimeSpan.Zero,
            flags.TryGetValue("retries", out var retries) ? int.Parse(retries, CultureInfo.InvariantCulture) : HealthCheckConfig.DefaultRetries);
    }
}
