using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DotNet.Testcontainers.Containers;

namespace Gateway.Tests.Containers;

/// <summary>
/// The real container image, built from the Dockerfile and run as the README and compose file run it: healthy by its own HEALTHCHECK, both
/// health endpoints open without a key, chat completions only with one. Run with <c>dotnet test --filter Category=Containers</c>; skipped,
/// with the reason, where Docker, the base images or the NuGet feed are not usable.
/// </summary>
[Trait("Category", "Containers")]
public sealed class GatewayImageTests(GatewayImageContainer gateway) : IClassFixture<GatewayImageContainer>
{
    private const string ChatRequest = """{"model":"generator","messages":[{"role":"user","content":"Hello from the image test"}]}""";

    [DockerFact(ContainerNeed.GatewayImage)]
    public async Task Start_BuiltImage_ItsOwnHealthcheckReportsHealthy()
    {
        using var _ = await gateway.ClientAsync();

        Assert.Equal(TestcontainersHealthStatus.Healthy, gateway.Health);
    }

    [DockerFact(ContainerNeed.GatewayImage)]
    public async Task GetHealth_WithoutAKey_Answers200()
    {
        using var client = await gateway.ClientAsync();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [DockerFact(ContainerNeed.GatewayImage)]
    public async Task GetHealthReady_WithoutAKey_Answers200()
    {
        using var client = await gateway.ClientAsync();

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [DockerFact(ContainerNeed.GatewayImage)]
    public async Task PostChatCompletions_WithTheKey_Answers200FromTheMock()
    {
        using var client = await gateway.ClientAsync();
        using var request = Chat();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayImageContainer.ApiKey);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("mock", Assert.Single(response.Headers.GetValues("x-gateway-backend")));
        Assert.Contains("Hello from the image test", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [DockerFact(ContainerNeed.GatewayImage)]
    public async Task PostChatCompletions_WithoutAKey_Answers401()
    {
        using var client = await gateway.ClientAsync();
        using var request = Chat();

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static HttpRequestMessage Chat() =>
        new(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(ChatRequest, Encoding.UTF8, "application/json") };
}
