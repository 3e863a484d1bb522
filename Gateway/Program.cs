using Gateway.Configuration;
using Gateway.Hosting;

if (HealthCheckCommand.TryParse(args, Environment.GetEnvironmentVariable, out var healthUrl))
{
    return await HealthCheckCommand.RunAsync(healthUrl, Console.Error);
}

GatewayConfiguration.LoadDotEnv();

try
{
    var app = GatewayApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (ConfigException e)
{
    Console.Error.WriteLine($"The gateway cannot start: the configuration is invalid.{Environment.NewLine}{e.Message}");
    return 1;
}
