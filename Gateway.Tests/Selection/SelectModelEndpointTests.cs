using System.Net;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Tools;
using Gateway.Tests.Upstreams;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Selection;

/// <summary>
/// <c>POST /select-model</c> over HTTP with the shipped <c>config.example.yaml</c>: every example of the guide's Model Selector section,
/// the issue's phrases, and the 4xx answers (ProblemDetails) for what cannot be answered.
/// </summary>
public sealed class SelectModelEndpointTests(SelectModelEndpointTests.Gateways gateways) : IClassFixture<SelectModelEndpointTests.Gateways>
{
    private static readonly string[] WeightNames = ["context_window", "speed", "cost", "quality", "specialization"];


    public static TheoryData<string, string> GuidePhrases => new()
    {
        { "Using my OpenAPI settings use gpt-4 for this operation", "openai/gpt-4" },
        { "Select the best model for code generation", "ollama/qwen2.5-coder:14b" },
        { "Use Anthropic Claude for this analysis", "anthropic/claude-3-5-sonnet-20241022" },
        { "use gpt-4", "openai/gpt-4" },
        { "use anthropic opus", "anthropic/claude-3-opus-20240229" },
        { "use local ollama", "ollama/gemma3:1b" },
        { "use azure", "azure/gpt-3.5-turbo" },
        { "use lm studio", "lmstudio/local-model" },
    };

    [Theory]
    [MemberData(nameof(GuidePhrases))]
    public async Task SelectModel_GuidePhrase_TopRecommendationIsWhatItMeans(string phrase, string top)
    {
        var gateway = gateways.Example;

        var answer = await Select(gateway, JsonSerializer.Serialize(new { task_description = phrase }));

        var first = answer.GetProperty("recommendations")[0];
        Assert.Equal(top, $"{first.GetProperty("backend").GetString()}/{first.GetProperty("model").GetString()}");
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
    }

    [Theory]
    [InlineData("use claude", "anthropic")]
    [InlineData("use my openapi settings", "openai")]
    public async Task SelectModel_BackendPhrase_EveryRecommendationIsOnThatBackend(string phrase, string backend)
    {
        var gateway = gateways.Example;

        var answer = await Select(gateway, JsonSerializer.Serialize(new { query = phrase }));

        Assert.Equal(backend, answer.GetProperty("interpreted").GetProperty("backend").GetString());
        Assert.All(answer.GetProperty("recommendations").EnumerateArray(), r => Assert.Equal(backend, r.GetProperty("backend").GetString()));
        Assert.Equal(3, answer.GetProperty("recommendations").GetArrayLength());
    }

    [Fact]
    public async Task SelectModel_GuidePythonExample_RanksWithinTheCostLimitWithABreakdownPerWeight()
    {
        var gateway = gateways.Example;

        var answer = await Select(gateway, """
            {"task_description": "Generate complex Python code with type hints", "constraints": {"max_cost": "medium"}, "top_k": 3}
            """);

        var recommendations = answer.GetProperty("recommendations").EnumerateArray().ToList();
        Assert.Equal(3, recommendations.Count);
        Assert.Equal("qwen2.5-coder:14b", recommendations[0].GetProperty("model").GetString());
        Assert.Equal("generator", recommendations[0].GetProperty("model_key").GetString());
        Assert.All(recommendations, r => Assert.NotEqual("high", r.GetProperty("traits").GetProperty("cost").GetString()));
        var breakdown = recommendations[0].GetProperty("breakdown");
        var parts = WeightNames.Sum(name => breakdown.GetProperty(name).GetDouble());
        Assert.Equal(recommendations[0].GetProperty("score").GetDouble(), parts, 1);
        Assert.Equal(["code", "reasoning"], answer.GetProperty("interpreted").GetProperty("needs").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(30, answer.GetProperty("weights").GetProperty("context_window").GetDouble());
    }

    [Fact]
    public async Task SelectModel_ThenChatWithTheTopRecommendation_ThatBackendAnswers()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              ollama:
                base_url: "{{ollama.Url}}"
                models: {generator: "qwen2.5-coder:14b", triage: "tinyllama"}
            """);

        var best = (await Select(gateway, """{"task_description": "Write a binary search function"}""")).GetProperty("recommendations")[0];
        var model = $"{best.GetProperty("backend").GetString()}/{best.GetProperty("model").GetString()}";
        var result = await gateway.Chat(model).CompleteChatAsync([new OpenAI.Chat.UserChatMessage("Write a binary search function")]);

        Assert.Equal(OllamaPayloads.ChatContent, result.Value.Content[0].Text);
        Assert.Equal("qwen2.5-coder:14b", Assert.Single(ollama.Requests).JsonString("model"));
    }

    [Theory]
    [InlineData("""{"task_description": "use lm studio"}""", "The request asks for 'lm studio' (backend lmstudio), which is not configured; configured backends: ollama, anthropic.")]
    [InlineData("""{"backend_preference": "Azure"}""", "The request asks for backend_preference 'azure', which is not configured; configured backends: ollama, anthropic.")]
    [InlineData("""{"constraints": {"min_speed": "very-fast", "max_cost": "free"}}""", "No model meets the constraints: of 3 models in the catalogue, max_cost free keeps 2, then min_speed very-fast keeps 0; the fastest of them is medium. Loosen that constraint.")]
    [InlineData("""{"constraints": {"backends": ["openai"]}}""", "No model meets the constraints: of 3 models in the catalogue, backends [openai] keeps 0; the catalogue has models of: ollama, anthropic. Loosen that constraint.")]
    public async Task SelectModel_Unanswerable_422SaysWhy(string body, string detailStart)
    {
        var gateway = gateways.Small;

        using var response = await ToolsEndpointTests.Post(gateway, "/select-model", body);

        var problem = await ToolsEndpointTests.Problem(response, HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith(detailStart, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelectModel_EmptyCatalogue_422SaysWhereModelsComeFrom()
    {
        await using var gateway = await TestGateway.StartAsync("llm:\n  ollama: {}\n");

        using var response = await ToolsEndpointTests.Post(gateway, "/select-model", """{"task_description": "anything"}""");

        var problem = await ToolsEndpointTests.Problem(response, HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith("The model catalogue is empty", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"task_description": "x", "query": "y"}""", "query", "Send either 'task_description' or 'query', not both.")]
    [InlineData("""{"top_k": 0}""", "top_k", "'top_k' must be a whole number from 1 to 100, not the number 0.")]
    [InlineData("""{"constraints": {"max_cost": "cheap"}}""", "constraints.max_cost", "'max_cost' must be one of free, low, medium, high, not the string \"cheap\".")]
    [InlineData("""{"constraints": {"min_speed": "quick"}}""", "constraints.min_speed", "'min_speed' must be one of slow, medium, fast, very-fast, not the string \"quick\".")]
    [InlineData("""{"constraints": {"min_context": -1}}""", "constraints.min_context", "'min_context' must be a whole number of tokens above 0, not the number -1.")]
    [InlineData("""{"constraints": {"backends": ["olama"]}}""", "constraints.backends", "'olama' is not a backend; valid backends: ollama, openai, anthropic, azure, lmstudio, mock, mock_fallback (did you mean 'ollama'?).")]
    [InlineData("""{"constraints": {"max_price": 1}}""", "constraints.max_price", "Unknown constraint 'max_price'; valid constraints: max_cost, min_speed, min_context, backends.")]
    [InlineData("""{"backend_preference": 3}""", "backend_preference", "'backend_preference' must be a string, not the number 3.")]
    [InlineData("""{"top_k": 3, "topk": 2}""", "topk", "Unknown field 'topk'; valid fields: task_description, query, constraints, backend_preference, model_preference, top_k (did you mean 'top_k'?).")]
    public async Task SelectModel_BadField_400NamesIt(string body, string field, string detail)
    {
        var gateway = gateways.Small;

        using var response = await ToolsEndpointTests.Post(gateway, "/select-model", body);

        var problem = await ToolsEndpointTests.Problem(response, HttpStatusCode.BadRequest);
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        Assert.Equal(detail, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task SelectModel_SelectorDisabled_404SaysHowToTurnItOn()
    {
        await using var gateway = await TestGateway.StartAsync(SmallConfig + "model_selector:\n  enabled: false\n");

        using var response = await ToolsEndpointTests.Post(gateway, "/select-model", """{"task_description": "x"}""");

        var problem = await ToolsEndpointTests.Problem(response, HttpStatusCode.NotFound);
        Assert.Contains("model_selector.enabled: false", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private const string SmallConfig = """
        llm:
          ollama:
            models: {generator: "qwen2.5-coder:14b", overseer: "llama3"}
          anthropic:
            models: {writer: "claude-3-haiku-20240307"}

        """;

    /// <summary>One gateway on the shipped example and one on a three-model config, shared by the tests that only ask questions.</summary>
    public sealed class Gateways : IAsyncLifetime
    {
        internal TestGateway Example { get; private set; } = null!;

        internal TestGateway Small { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Example = await TestGateway.StartAsync(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "config", "config.example.yaml")));
            Small = await TestGateway.StartAsync(SmallConfig);
        }

        public async Task DisposeAsync()
        {
            await Example.DisposeAsync();
            await Small.DisposeAsync();
        }
    }

    private static async Task<JsonElement> Select(TestGateway gateway, string body)
    {
        using var response = await ToolsEndpointTests.Post(gateway, "/select-model", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
