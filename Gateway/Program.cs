using Gateway.Cli;

var command = CommandLine.Parse(args, Environment.GetEnvironmentVariable);
return await GatewayCommands.RunAsync(command, Console.Out, Console.Error, Environment.GetEnvironmentVariable);
