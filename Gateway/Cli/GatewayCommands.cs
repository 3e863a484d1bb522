using Gateway.Configuration;
using Gateway.Doctor;
using Gateway.Hosting;

namespace Gateway.Cli;

/// <summary>Runs what the command line asks for and turns every way it can end into an exit code and one clear message.</summary>
internal static class GatewayCommands
{
    public const int Failed = 1;
    public const int Usage = 2;

    public static async Task<int> RunAsync(CommandLine command, TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        switch (command.Kind)
        {
            case CommandKind.Help:
                HelpText.Write(output);
                return 0;
            case CommandKind.Version:
                HelpText.WriteVersion(output);
                return 0;
            case CommandKind.Invalid:
                await error.WriteLineAsync($"gateway: {command.Error}. Run with --help for every option.");
                return Usage;
            case CommandKind.HealthCheck:
                return await HealthCheckCommand.RunAsync(command.HealthUrl!, error);
            case CommandKind.Doctor:
                return await DoctorAsync(command, output, error, environment);
            default:
                return await ServeCommand.RunAsync(command, error, environment);
        }
    }

    private static async Task<int> DoctorAsync(CommandLine command, TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        GatewayConfiguration.LoadDotEnv();
        GatewayConfig config;
        try
        {
            config = ConfigLoader.Load(GatewayConfiguration.ConfigPath(command.Option("--config"), environment), environment);
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync($"The configuration is invalid.{Environment.NewLine}{e.Message}");
            return Failed;
        }

        return await DoctorCommand.RunAsync(config, output);
    }
}
