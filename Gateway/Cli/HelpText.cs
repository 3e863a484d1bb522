using System.Reflection;
using Gateway.Hosting;

namespace Gateway.Cli;

/// <summary>What <c>--help</c> and <c>--version</c> print.</summary>
internal static class HelpText
{
    /// <summary>The product version, e.g. <c>0.5.0</c> (with the commit it was built from, when known).</summary>
    public static string Version =>
        typeof(HelpText).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static void WriteVersion(TextWriter output) => output.WriteLine($"llm-gateway {Version}");

    public static void Write(TextWriter output)
    {
        output.WriteLine($"""
            llm-gateway {Version}: one OpenAI-compatible endpoint in front of Ollama, OpenAI, Anthropic, Azure OpenAI and LM Studio.

            Usage:
              {"dotnet run --project Gateway -- [options]",-46}serve; from a clone (or: dotnet Gateway.dll [options])
              {"... doctor [--config <file>]",-46}check the config, every backend's endpoints, keys and models; exit 0 when all is well
              {$"... {HealthCheckCommand.Flag} [<url>]",-46}ask a running gateway's /health; exit 0 (healthy) or 1 (the container HEALTHCHECK)

            Options:
            """);
        foreach (var (name, value, description) in CommandLine.ValueOptions)
        {
            output.WriteLine($"  {$"{name} {value}",-24}{description}");
        }

        output.WriteLine($$"""
              {{"--Section:Key <value>",-24}}any ASP.NET Core setting, e.g. --Kestrel:Limits:MaxConcurrentConnections 1000
              {{"--help, -h",-24}}this text
              {{"--version",-24}}the version

            Config file, first found:
              1. --config <file>
              2. the GATEWAY_CONFIG environment variable
              3. {{GatewayConfiguration.DefaultConfigPath}} in the working directory
            Try it with no LLM installed: --config config/config.demo.yaml (the built-in mock backend).

            Environment:
              {{"GATEWAY_CONFIG",-30}}the config file (see above)
              {{"ASPNETCORE_URLS",-30}}listen addresses; anything beyond loopback needs server.api_keys
              {{"GATEWAY_API_KEY",-30}}the key clients present, where the config says server.api_keys: ["${GATEWAY_API_KEY}"]
              {{"OPENAI_API_KEY",-30}}OpenAI's key when llm.openai.api_key is not set
              {{"ANTHROPIC_API_KEY",-30}}Anthropic's key when llm.anthropic.api_key is not set
              {{"AZURE_OPENAI_API_KEY",-30}}Azure OpenAI's key when llm.azure.api_key is not set
              {{"AZURE_OPENAI_ENDPOINT",-30}}Azure OpenAI's endpoint when llm.azure.endpoint is not set
              {{"LM_API_TOKEN",-30}}LM Studio's token when llm.lmstudio.api_key is not set (LM Studio needs none by default)
              {{"OLLAMA_URL",-30}}the Ollama the shipped configs talk to (${OLLAMA_URL:-...} in their base_url)
              {{GatewayLogging.DebugVariable + "=1",-30}}debug logging
              {{GatewayObservability.OtlpEndpointVariable,-30}}send traces and metrics over OTLP (with {{GatewayObservability.OtlpProtocolVariable}}, {{GatewayObservability.ServiceNameVariable}})
              Any ${VAR} the config names; a .env file in the working directory is loaded first and never overrides the environment.

            Exit codes: 0 stopped cleanly (or check passed), 1 could not start (bad config, address in use) or check failed, 2 bad command line.
            """);
    }
}
