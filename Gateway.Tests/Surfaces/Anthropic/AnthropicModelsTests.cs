using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Models;
using Gateway.Tests.Harness;

namespace Gateway.Tests.Surfaces.Anthropic;

/// <summary>
/// <c>GET /v1/models</c> and <c>GET /v1/models/{id}</c> with <c>anthropic-version</c>: Anthropic's list shape and pages, which the
/// official SDK reads with validation on and Claude Code's model discovery reads for ids containing <c>claude</c>; alias ids are listed.
/// </summary>
public sealed class AnthropicModelsTests
{
    private const string Key = "gw-key-0123456789abcdef";

    // Nothing here reaches a backend: the port is closed.
    private const string Config = """
        llm:
          backend: ollama
          ollama:
            base_url: "http://127.0.0.1:9"
            models: { generator: "qwen2.5", fast: "gemma3:1b" }
          model_aliases:
            claude-sonnet-4-5: generator
            claude-haiku-4-5-20251001: "ollama/fast"
            "claude-opus-*": generator
        """;

    /// <summary>Every id, in the order the gateway lists them: keys, backend/model, then the exact alias ids.</summary>
    private static readonly string[] Ids =
        ["generator", "fast", "ollama/qwen2.5", "ollama/gemma3:1b", "claude-sonnet-4-5", "claude-haiku-4-5-20251001"];

    [Fact]
    public async Task List_WithAnthropicVersion_AnthropicsShapeWithTheAliasIds()
    {
        await using var gateway = await TestGateway.StartAsync(Config);

        var body = await GetJsonAsync(gateway, "/v1/models");

        Assert.Equal(Ids, body.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        var alias = body.GetProperty("data")[4];
        Assert.Equal("model", alias.GetProperty("type").GetString());
        Assert.Equal("claude-sonnet-4-5 (alias of generator)", alias.GetProperty("display_name").GetString());
        Assert.True(DateTimeOffset.TryParse(alias.GetProperty("created_at").GetString(), out _));
        Assert.EndsWith("Z", alias.GetProperty("created_at").GetString(), StringComparison.Ordinal);
        Assert.False(body.GetProperty("has_more").GetBoolean());
        Assert.Equal(("generator", "claude-haiku-4-5-20251001"), (body.GetProperty("first_id").GetString(), body.GetProperty("last_id").GetString()));
        Assert.False(body.TryGetProperty("object", out _));
    }

    [Fact]
    public async Task List_WithoutAnthropicVersion_OpenAisShapeWithTheAliasIdsOwnedByTheirBackend()
    {
        await using var gateway = await TestGateway.StartAsync(Config);

        using var response = await gateway.Http.GetAsync("/v1/models");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal(Ids, body.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal("ollama", body.GetProperty("data")[5].GetProperty("owned_by").GetString());
    }

    [Theory]
    [InlineData("?limit=2", new[] { "generator", "fast" }, true)]
    [InlineData("?limit=2&after_id=fast", new[] { "ollama/qwen2.5", "ollama/gemma3:1b" }, true)]
    [InlineData("?limit=3&after_id=ollama/gemma3:1b", new[] { "claude-sonnet-4-5", "claude-haiku-4-5-20251001" }, false)]
    [InlineData("?after_id=claude-haiku-4-5-20251001", new string[0], false)]
    [InlineData("?limit=2&before_id=claude-sonnet-4-5", new[] { "ollama/qwen2.5", "ollama/gemma3:1b" }, true)]
    [InlineData("?limit=5&before_id=ollama/qwen2.5", new[] { "generator", "fast" }, false)]
    [InlineData("?limit=1000", new[] { "generator", "fast", "ollama/qwen2.5", "ollama/gemma3:1b", "claude-sonnet-4-5", "claude-haiku-4-5-20251001" }, false)]
    public async Task List_Paged_AsAnthropicPagesIt(string query, string[] ids, bool hasMore)
    {
        await using var gateway = await TestGateway.StartAsync(Config);

        var body = await GetJsonAsync(gateway, "/v1/models" + query);

        Assert.Equal(ids, body.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(hasMore, body.GetProperty("has_more").GetBoolean());
        Assert.Equal(ids.FirstOrDefault(), body.GetProperty("first_id").GetString());
        Assert.Equal(ids.LastOrDefault(), body.GetProperty("last_id").GetString());
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?after_id=gpt-9", "after_id")]
    [InlineData("?before_id=gpt-9", "before_id")]
    [InlineData("?after_id=fast&before_id=generator", "after_id and before_id")]
    public async Task List_BadQuery_400InAnthropicsErrorShape(string query, string named)
    {
        await using var gateway = await TestGateway.StartAsync(Config);
        using var request = Request(HttpMethod.Get, "/v1/models" + query);

        using var response = await gateway.Http.SendAsync(request);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("error").GetProperty("type").GetString());
        Assert.StartsWith(named + ":", error.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("request-id"));
    }

    [Fact]
    public async Task List_OfficialSdk_PagesThroughEveryModel()
    {
        await using var gateway = await TestGateway.StartAsync(Config);

        var page = await Client(gateway).Models.List(new ModelListParams { Limit = 4 });
        var first = page.Items.Select(m => m.ID).ToList();
        var next = await page.Next();

        Assert.Equal(Ids[..4], first);
        Assert.Equal(Ids[4..], next.Items.Select(m => m.ID));
        Assert.False(next.HasNext());
        Assert.Equal("claude-haiku-4-5-20251001 (alias of ollama/fast)", next.Items[1].DisplayName);
    }

    [Theory]
    [InlineData("claude-sonnet-4-5", "claude-sonnet-4-5 (alias of generator)")]
    [InlineData("claude-opus-4-1", "claude-opus-4-1 (alias of generator)")]
    [InlineData("ollama/qwen2.5", "ollama/qwen2.5")]
    public async Task Retrieve_OfficialSdk_ListedIdsAndIdsAGlobServes(string id, string displayName)
    {
        await using var gateway = await TestGateway.StartAsync(Config);

        var model = await Client(gateway).Models.Retrieve(id);

        Assert.Equal((id, displayName), (model.ID, model.DisplayName));
    }

    [Fact]
    public async Task Retrieve_UnknownId_SdkRaisesNotFoundFromAnthropicsShape()
    {
        await using var gateway = await TestGateway.StartAsync(Config);
        using var request = Request(HttpMethod.Get, "/v1/models/claude-fable-5");

        using var response = await gateway.Http.SendAsync(request);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found_error", error.GetProperty("error").GetProperty("type").GetString());
        await Assert.ThrowsAsync<AnthropicNotFoundException>(() => Client(gateway).Models.Retrieve("claude-fable-5"));
    }

    [Fact]
    public async Task List_GatewayKeyAsXApiKeyOrBearer_BothAccepted()
    {
        await using var gateway = await TestGateway.StartAsync(Config + "\nserver:\n  api_keys: [\"" + Key + "\"]\n");
        using var byApiKey = Request(HttpMethod.Get, "/v1/models?limit=1000");
        byApiKey.Headers.TryAddWithoutValidation("x-api-key", Key);
        using var byBearer = Request(HttpMethod.Get, "/v1/models?limit=1000");
        byBearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var without = Request(HttpMethod.Get, "/v1/models");

        using var apiKeyAnswer = await gateway.Http.SendAsync(byApiKey);
        using var bearerAnswer = await gateway.Http.SendAsync(byBearer);
        using var refused = await gateway.Http.SendAsync(without);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (apiKeyAnswer.StatusCode, bearerAnswer.StatusCode, refused.StatusCode));
        Assert.Equal(6, (await Client(gateway, Key).Models.List(new ModelListParams { Limit = 1000 })).Items.Count);
    }

    private static AnthropicClient Client(TestGateway gateway, string key = "client-key-not-forwarded") => new(new ClientOptions
    {
        BaseUrl = gateway.Url,
        ApiKey = key,
        ResponseValidation = true,
        MaxRetries = 0,
        Timeout = TimeSpan.FromSeconds(30),
    });

    private static HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        return request;
    }

    private static async Task<JsonElement> GetJsonAsync(TestGateway gateway, string path)
    {
        using var request = Request(HttpMethod.Get, path);
        using var response = await gateway.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
