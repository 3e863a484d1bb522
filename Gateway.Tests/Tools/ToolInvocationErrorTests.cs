using System.Net;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Tools;

/// <summary>
/// What a caller can get wrong when invoking a tool, each answered with a ProblemDetails that names the field and says what would be
/// valid, and none reaching the upstream. The tests share one gateway: none of them changes it.
/// </summary>
public sealed class ToolInvocationErrorTests(ToolInvocationErrorTests.TranslatorGateway fixture) : IClassFixture<ToolInvocationErrorTests.TranslatorGateway>
{
    [Fact]
    public async Task Invoke_UnknownTool_404ListsTheTools()
    {
        using var response = await ToolsEndpointTests.Post(fixture.Gateway, "/tools/translater/invoke", """{"input":"x"}""");

        var problem = await ToolsEndpointTests.Problem(response, HttpStatusCode.NotFound);
        Assert.Equal(
            "Unknown tool 'translater' (did you mean 'translator'?). Tools: translator, triage. List them with GET /tools.",
            problem.GetProperty("detail").GetString());
        Assert.Equal(["translator", "triage"], problem.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData("""{"input":"Good morning"}""", "variables.language", "Variable 'language' is missing: tool 'translator' fills {language} in its prompt template; send \"variables\": {\"language\": \"...\"}. The tool's variables are listed by GET /tools.")]
    [InlineData("""{"input":"x","varaibles":{}}""", "varaibles", "Unknown field 'varaibles'; valid fields: input, variables, messages, stream, temperature, max_tokens (did you mean 'variables'?).")]
    [InlineData("""{"variables":{"language":"French"}}""", "input", "Send \"input\" (the text for the tool) or \"messages\" (a conversation to continue), e.g. {\"input\": \"...\"}.")]
    [InlineData("""{"input":42}""", "input", "'input' must be a string, not the number 42.")]
    [InlineData("""{"input":"x","variables":{"language":["fr"]}}""", "variables.language", "Variable 'language' must be text (or a number or boolean), not an array.")]
    [InlineData("""{"messages":[{"role":"wizard","content":"x"}]}""", "messages[0].role", "'messages[0].role' is 'wizard'; valid roles: system, developer, user, assistant, tool.")]
    [InlineData("""{"input":"x","temperature":3}""", "temperature", "'temperature' must be a number from 0 to 2, not the number 3.")]
    [InlineData("""["x"]""", "", "The request body must be a JSON object such as {\"input\": \"...\"}, not an array.")]
    public async Task Invoke_BadRequest_400NamesTheFieldAndWhatWouldBeValid(string body, string field, string detail)
    {
        using var response = await ToolsEndpointTests.Post(fixture.Gateway, "/tools/translator/invoke", body);

        var problem = await ToolsEndpointTests.Problem(response, HttpStatusCode.BadRequest);
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        Assert.Equal(detail, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Empty(fixture.Ollama.Requests);
    }

    [Fact]
    public async Task Invoke_MalformedJson_400ProblemDetails()
    {
        using var response = await ToolsEndpointTests.Post(fixture.Gateway, "/tools/translator/invoke", """{"input": """);

        var problem = await ToolsEndpointTests.Problem(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("The request body is not valid JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The translator config of <see cref="ToolsEndpointTests"/> over one Ollama stub.</summary>
    public sealed class TranslatorGateway : IAsyncLifetime
    {
        internal StubUpstream Ollama { get; private set; } = null!;

        internal TestGateway Gateway { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
            Gateway = await TestGateway.StartAsync(ToolsEndpointTests.Translator(Ollama.Url));
        }

        public async Task DisposeAsync()
        {
            await Gateway.DisposeAsync();
            await Ollama.DisposeAsync();
        }
    }
}
