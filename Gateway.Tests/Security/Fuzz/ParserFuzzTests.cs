using System.Collections.Concurrent;
using System.Text.Json;
using Gateway.Api;
using Gateway.Backends;
using Gateway.Backends.Anthropic;
using Gateway.Backends.Azure;
using Gateway.Backends.Ollama;
using Gateway.Backends.OpenAI;
using Gateway.Configuration;
using Gateway.Exchange;
using Gateway.Routing;
using Gateway.Security;
using Gateway.Surfaces;
using Gateway.Tests.Backends;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace Gateway.Tests.Security.Fuzz;

/// <summary>
/// The request parser and every protocol's translation, in process, against tens of thousands of mutated chat bodies: each body is
/// either refused with a 4xx whose message serializes, or accepted, routed, and translated into valid JSON for every backend (or
/// refused by the translation as unsupported, which the dispatcher answers 400). Nothing may throw anything else.
/// </summary>
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    private const int DefaultCases = 25_000;

    private static readonly GatewayConfig Config = ConfigLoader.Parse("""
        llm:
          backend: ollama
          ollama: { models: { generator: "llama3.2" } }
          openai: { api_key: "sk-x-0123456789", models: { generator: "gpt-4o" } }
          anthropic: { api_key: "sk-ant-0123456789", models: { generator: "claude-3-5-haiku-latest" } }
          azure:
            endpoint: "https://res.openai.azure.com"
            api_key: "azure-0123456789"
            deployments: { generator: { deployment: "gpt-4o-dep", model: "gpt-4o" } }
          lmstudio: { models: { generator: "qwen2.5" } }
        """, "fuzz.yaml", _ => null);

    private static readonly RequestLimits Limits = new(10 * 1024 * 1024, 32, 64);

    private static readonly (IChatProtocol Protocol, Candidate Candidate)[] Translations =
    [
        (new OpenAiCompatibleProtocol(TimeProvider.System), WireTestKit.Candidate(WireTestKit.Backend(BackendKind.OpenAI, "sk-x-0123456789"), "gpt-4o", "http://127.0.0.1:1/v1")),
        (new AzureOpenAiProtocol(TimeProvider.System), WireTestKit.Candidate(WireTestKit.Backend(BackendKind.Azure, "azure-0123456789"), "gpt-4o", "http://127.0.0.1:1", deployment: "gpt-4o-dep")),
        (new OllamaProtocol(TimeProvider.System), WireTestKit.Candidate(WireTestKit.Backend(BackendKind.Ollama), "llama3.2", "http://127.0.0.1:1", contextWindow: 8192)),
        (new AnthropicProtocol(TimeProvider.System), WireTestKit.Candidate(WireTestKit.Backend(BackendKind.Anthropic, "sk-ant-0123456789"), "claude-3-5-haiku-latest", "http://127.0.0.1:1")),
    ];

    [Fact]
    public async Task ParseAndTranslate_MutatedChatBodies_Refused4xxOrTranslatedToValidJson()
    {
        var settings = FuzzSettings.FromEnvironment(DefaultCases);
        var resolver = new RouteResolver(Config, new EndpointPools());
        var failures = new ConcurrentQueue<string>();
        var accepted = 0;

        await Parallel.ForEachAsync(settings.CaseNumbers, async (number, _) =>
        {
            var random = settings.ForCase(number);
            var mutator = new JsonMutator(random);
            var body = mutator.Mutate(FuzzSeeds.Chat[random.Next(FuzzSeeds.Chat.Length)]);
            var fuzzCase = new FuzzCase("POST", "/v1/chat/completions", [], body, mutator.Steps);
            try
            {
                var (parsed, problem) = await CheckAsync(body, resolver);
                if (problem is not null)
                {
                    failures.Enqueue($"{problem}\n{settings.Replay(number)}\n{fuzzCase}");
                }
                else if (parsed)
                {
                    Interlocked.Increment(ref accepted);
                }
            }
            catch (Exception e)
            {
                failures.Enqueue($"threw {e.GetType().Name}: {e.Message}\n{settings.Replay(number)}\n{fuzzCase}\n{e.StackTrace}");
            }
        });

        output.WriteLine($"seed {settings.Seed}: {settings.Cases} cases, {accepted} accepted and translated");
        Assert.True(failures.IsEmpty, $"seed {settings.Seed}: {failures.Count} failing cases; the first:\n{failures.FirstOrDefault()}");
    }

    /// <summary>Whether <paramref name="body"/> was accepted, and what is wrong with how it was handled (null when nothing).</summary>
    private static async Task<(bool Parsed, string? Problem)> CheckAsync(byte[] body, RouteResolver resolver)
    {
        var context = new DefaultHttpContext();
        context.Features.Set(Limits);
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        var (request, error) = await ChatRequestParser.ParseAsync(context.Request, Config.Llm.GlobalDefaults, CancellationToken.None);
        if (request is null)
        {
            if (error is null || error.Status is < 400 or > 499 || string.IsNullOrWhiteSpace(error.Message))
            {
                return (false, $"refused without a 4xx that says why: {error}");
            }

            using var serialized = JsonDocument.Parse(OpenAiErrorWriter.Serialize(error));
            return (false, null);
        }

        using (request)
        {
            resolver.ResolveChat(request.Model, null);
            foreach (var (protocol, candidate) in Translations)
            {
                HttpRequestMessage message;
                try
                {
                    message = protocol.CreateChatRequest(request, candidate);
                }
                catch (UnsupportedRequestException)
                {
                    continue;
                }

                using (message)
                {
                    var sent = await message.Content!.ReadAsByteArrayAsync();
                    try
                    {
                        using var json = JsonDocument.Parse(sent);
                    }
                    catch (JsonException e)
                    {
                        return (true, $"{protocol.GetType().Name} would send invalid JSON upstream ({e.Message})");
                    }
                }
            }
        }

        return (true, null);
    }
}
