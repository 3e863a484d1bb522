using System.Text.RegularExpressions;
using Gateway.Configuration;
using Gateway.Health;
using Gateway.Hosting;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Cli;

/// <summary>Starts the gateway and serves until stopped. A start that cannot succeed ends with one line saying why and what to do.</summary>
internal static partial class ServeCommand
{
    public static async Task<int> RunAsync(CommandLine command, TextWriter error, Func<string, string?> environment)
    {
        GatewayConfiguration.LoadDotEnv();
        try
        {
            await using var app = GatewayApp.Build([.. command.HostArgs], environment: environment);
            await app.StartAsync();
            var stopping = app.Lifetime.ApplicationStopping;
            _ = Task.Run(() => FirstRunCheck.WarnIfDefaultBackendUnreachableAsync(app.Services, stopping), stopping);
            await app.WaitForShutdownAsync();
            return 0;
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync($"The gateway cannot start: the configuration is invalid.{Environment.NewLine}{e.Message}");
            return GatewayCommands.Failed;
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            await error.WriteLineAsync(AddressInUse(e.Message));
            return GatewayCommands.Failed;
        }
    }

    /// <summary>
    /// <c>The gateway cannot start: http://127.0.0.1:8080 is already in use ...</c>, from Kestrel's
    /// <c>Failed to bind to address http://127.0.0.1:8080: address already in use.</c>
    /// </summary>
    internal static string AddressInUse(string kestrelMessage)
    {
        var match = BoundAddress().Match(kestrelMessage);
        if (!match.Success || !Uri.TryCreate(match.Groups["address"].Value, UriKind.Absolute, out var address))
        {
            return $"The gateway cannot start: {kestrelMessage} Stop the program using it, or listen elsewhere with --urls (or ASPNETCORE_URLS).";
        }

        var other = new UriBuilder(address) { Port = address.Port == 65535 ? 8081 : address.Port + 1 }.Uri.GetLeftPart(UriPartial.Authority);
        return $"The gateway cannot start: {address.GetLeftPart(UriPartial.Authority)} is already in use by another program. "
            + $"Stop that program, or listen elsewhere: --urls {other} (or ASPNETCORE_URLS={other}).";
    }

    [GeneratedRegex(@"address (?<address>\S+): address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex BoundAddress();
}
