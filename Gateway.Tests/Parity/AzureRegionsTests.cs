using Gateway.Tests.Api;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using OpenAI.Chat;

namespace Gateway.Tests.Parity;

/// <summary>
/// Azure deployments with their own <c>endpoint</c> (and key) form one pool per model: requests spread over the regions, an attempt
/// that fails moves to the next region before the plan leaves Azure, and <c>azure/&lt;entry&gt;</c> pins one region.
/// </summary>
public sealed class AzureRegionsTests
{
    private static string Config(string usEast, string euWest, string fallback = "") => $$"""
        llm:
          backend: azure
          global_defaults: {max_retries: 0}
          {{(fallback.Length > 0 ? "fallback_backends: [openai]" : "")}}
          azure:
            api_key: "section-key"
            api_version: "2024-10-21"
            models:
              generator: "gpt-4o"
            deployments:
              us_east:
                deployment: "gpt-4o-us"
                endpoint: "{{usEast}}"
                api_key: "us-key"
              eu_west:
                deployment: "gpt-4o-eu"
                endpoint: "{{euWest}}"
        {{fallback}}
        """;

    [Fact]
    public async Task CompleteChat_TwoRegions_RequestsSpreadEachWithItsDeploymentAndKey()
    {
        await using var us = await StubUpstream.StartAsync(UpstreamKind.Azure);
        await using var eu = await StubUpstream.StartAsync(UpstreamKind.Azure);
        await using var gateway = await TestGateway.StartAsync(Config(us.Url, eu.Url));
        var client = ParityClient.For(gateway.Url);

        await client.CompleteChatAsync([new UserChatMessage("one")]);
        await client.CompleteChatAsync([new UserChatMessage("two")]);

        var usRequest = Assert.Single(us.Requests);
        var euRequest = Assert.Single(eu.Requests);
        Assert.Equal("/openai/deployments/gpt-4o-us/chat/completions", usRequest.Path);
        Assert.Equal("us-key", usRequest.Header("api-key"));
        Assert.Equal("/openai/deployments/gpt-4o-eu/chat/completions", euRequest.Path);
        Assert.Equal("section-key", euRequest.Header("api-key"));
    }

    [Fact]
    public async Task CompleteChat_FirstRegionDown_NextRegionAnswersWithinTheSameRequest()
    {
        await using var eu = await StubUpstream.StartAsync(UpstreamKind.Azure);
        await using var gateway = await TestGateway.StartAsync(Config(ClosedPort.Url(), eu.Url));

        var result = await ParityClient.For(gateway.Url).CompleteChatAsync([new UserChatMessage("hi")]);

        Assert.Equal(ChatFinishReason.Stop, result.Value.FinishReason);
        var headers = result.GetRawResponse().Headers;
        Assert.True(headers.TryGetValue("x-gateway-backend", out var backend) && backend == "azure");
        Assert.True(headers.TryGetValue("x-gateway-attempts", out var attempts) && attempts == "2");
        Assert.Equal("/openai/deployments/gpt-4o-eu/chat/completions", Assert.Single(eu.Requests).Path);
    }

    [Fact]
    public async Task CompleteChat_EveryRegionFails_FallbackBackendOnlyAfterBothRegions()
    {
        await using var us = await StubUpstream.StartAsync(UpstreamKind.Azure);
        await using var eu = await StubUpstream.StartAsync(UpstreamKind.Azure);
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        us.Enqueue(AzurePayloads.RateLimited(retryAfterSeconds: 0));
        eu.Enqueue(AzurePayloads.RateLimited(retryAfterSeconds: 0));
        var fallback = $$"""
              openai:
                base_url: "{{openai.Url}}/v1"
                api_key: "sk-fallback"
                models:
                  generator: "gpt-4o-mini"
            """;
        await using var gateway = await TestGateway.StartAsync(Config(us.Url, eu.Url, fallback));

        var result = await ParityClient.For(gateway.Url).CompleteChatAsync([new UserChatMessage("hi")]);

        var headers = result.GetRawResponse().Headers;
        Assert.True(headers.TryGetValue("x-gateway-backend", out var backend) && backend == "openai");
        Assert.True(headers.TryGetValue("x-gateway-attempts", out var attempts) && attempts == "3");
        Assert.Single(us.Requests);
        Assert.Single(eu.Requests);
        Assert.Equal("gpt-4o-mini", Assert.Single(openai.Requests).JsonString("model"));
    }

    [Fact]
    public async Task CompleteChat_EntryNamePrefixed_PinsThatRegion()
    {
        await using var us = await StubUpstream.StartAsync(UpstreamKind.Azure);
        await using var eu = await StubUpstream.StartAsync(UpstreamKind.Azure);
        await using var gateway = await TestGateway.StartAsync(Config(us.Url, eu.Url));
        var client = ParityClient.For(gateway.Url, "azure/eu_west");

        await client.CompleteChatAsync([new UserChatMessage("one")]);
        await client.CompleteChatAsync([new UserChatMessage("two")]);

        Assert.Empty(us.Requests);
        Assert.Equal(2, eu.Requests.Count);
        Assert.All(eu.Requests, r => Assert.Equal("/openai/deployments/gpt-4o-eu/chat/completions", r.Path));
    }
}
