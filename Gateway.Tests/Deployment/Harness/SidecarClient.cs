using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;

namespace Gateway.Tests.Deployment.Harness;

/// <summary>A client of the gateway sidecar: the official OpenAI SDK pointed at the gateway's <c>/v1</c> with the gateway key, as the README shows.</summary>
internal static class SidecarClient
{
    /// <summary>The model the README's client examples ask for: the <c>generator</c> model key of the default backend.</summary>
    public const string Model = "generator";

    public static ChatClient Chat(HttpClient http, Uri gateway, string apiKey, string model = Model) =>
        new OpenAIClient(new ApiKeyCredential(apiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(gateway, "/v1"),
            Transport = new HttpClientPipelineTransport(http),
            NetworkTimeout = TimeSpan.FromSeconds(30),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        }).GetChatClient(model);

    /// <summary>A chat request with no key at all, which no SDK sends; the status the gateway answers it with.</summary>
    public static async Task<int> ChatWithoutKeyAsync(HttpClient http, Uri gateway, string model = Model)
    {
        using var body = new StringContent($$"""{"model":"{{model}}","messages":[{"role":"user","content":"hello"}]}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(gateway, "/v1/chat/completions"), body);
        return (int)response.StatusCode;
    }
}
