using Gateway.Configuration;
using Gateway.Hosting;

namespace Gateway.Cli;

/// <summary>
/// The parsed command line. Only the gateway's own options and ASP.NET Core settings written as <c>--Section:Key value</c> are
/// accepted, so a typo such as <c>--confg</c> stops with exit code 2 instead of starting with the default config.
/// <see cref="HostArgs"/> is what the host is built from (the options in <c>--key value</c> form).
/// </summary>
internal sealed record CommandLine(CommandKind Kind, IReadOnlyList<string> HostArgs, string? HealthUrl = null, string? Error = null)
{
    public const string DoctorVerb = "doctor";

    /// <summary>Options that take a value, each with what the value is (for messages and <c>--help</c>).</summary>
    public static readonly IReadOnlyList<(string Name, string Value, string Description)> ValueOptions =
    [
        ("--config", "<file>", "the YAML config (else GATEWAY_CONFIG, else config/config.yaml in the working directory)"),
        ("--urls", "<urls>", "listen addresses, ';'-separated (else ASPNETCORE_URLS, else http://127.0.0.1:8080)"),
        ("--log-format", "text|json", "console log format (else logging.format in the config, else text)"),
    ];

    private const string HelpOption = "--help";
    private const string VersionOption = "--version";

    private static readonly string[] HelpAliases = [HelpOption, "-h", "-?"];

    /// <summary>Every option name, for "did you mean" and the list of valid ones.</summary>
    public static IEnumerable<string> OptionNames =>
        [.. ValueOptions.Select(option => option.Name), HealthCheckCommand.Flag, HelpOption, VersionOption];

    public static CommandLine Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        if (args.Any(arg => HelpAliases.Contains(arg, StringComparer.Ordinal)))
        {
            return new CommandLine(CommandKind.Help, []);
        }

        var kind = CommandKind.Serve;
        var start = 0;
        if (args.Count > 0 && args[0] == DoctorVerb)
        {
            kind = CommandKind.Doctor;
            start = 1;
        }

        var hostArgs = new List<string>();
        string? healthUrl = null;
        for (var i = start; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            if (name == VersionOption && kind == CommandKind.Serve)
            {
                kind = CommandKind.Version;
                continue;
            }

            if (name == HealthCheckCommand.Flag && kind == CommandKind.Serve)
            {
                kind = CommandKind.HealthCheck;
                healthUrl = inlineValue ?? (i + 1 < args.Count && !args[i + 1].StartsWith('-') ? args[++i] : null);
                continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                return Invalid(name.StartsWith('-') ? UnknownOption(name) : Unexpected(name, kind));
            }

            var known = ValueOptions.FirstOrDefault(option => option.Name == name);
            var isSetting = known.Name is null && name.Length > 2 && name.Contains(':', StringComparison.Ordinal);
            if (known.Name is null && !isSetting)
            {
                return Invalid(UnknownOption(name));
            }

            var value = inlineValue ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null);
            if (string.IsNullOrEmpty(value))
            {
                var shape = known.Name is null ? "<value>" : known.Value;
                return Invalid($"{name} needs a value: {name} {shape}");
            }

            hostArgs.Add(name);
            hostArgs.Add(value);
        }

        return kind switch
        {
            CommandKind.HealthCheck => new CommandLine(kind, [], healthUrl ?? HealthCheckCommand.UrlFrom(environment("ASPNETCORE_URLS"))),
            CommandKind.Version => new CommandLine(kind, []),
            _ => new CommandLine(kind, hostArgs),
        };
    }

    /// <summary>The value of <paramref name="option"/> among <see cref="HostArgs"/>, or null.</summary>
    public string? Option(string option)
    {
        for (var i = 0; i + 1 < HostArgs.Count; i += 2)
        {
            if (HostArgs[i] == option)
            {
                return HostArgs[i + 1];
            }
        }

        return null;
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 2 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static string UnknownOption(string name) =>
        $"unknown option '{name}'{DidYouMean.Hint(name, OptionNames)}; valid options: {string.Join(", ", OptionNames)}, "
        + "and ASP.NET Core settings as --Section:Key <value>";

    private static string Unexpected(string arg, CommandKind kind) => kind == CommandKind.Doctor
        ? $"unexpected argument '{arg}'; doctor takes --config <file>"
        : $"unexpected argument '{arg}'{DidYouMean.Hint(arg, [DoctorVerb])}; the only command is '{DoctorVerb}', options start with --";

    private static CommandLine Invalid(string error) => new(CommandKind.Invalid, [], Error: error);
}
