using Gateway.Configuration;
using Gateway.Doctor;

namespace Gateway.Tests.Doctor;

/// <summary>The fix offered for an endpoint that does not answer depends on what it is and where it runs.</summary>
public sealed class DoctorAdviceTests
{
    [Theory]
    [InlineData("ollama", "http://localhost:11434", "start Ollama (`ollama serve`) or correct llm.x.base_url")]
    [InlineData("ollama", "http://gpu-box:11434", "check Ollama runs on that host and listens beyond localhost (OLLAMA_HOST=0.0.0.0), or correct llm.x.base_url")]
    [InlineData("lmstudio", "http://127.0.0.1:1234/v1", "start LM Studio's server (`lms server start`) or correct llm.x.base_url")]
    [InlineData("openai", "https://api.openai.com/v1", "check DNS, proxy and firewall access to that host, or correct llm.x.base_url")]
    [InlineData("anthropic", "http://127.0.0.1:9", "start the server there or correct llm.x.base_url")]
    public void Unreachable_KindAndHost_FixFitsThem(string kind, string url, string expected)
    {
        Assert.True(BackendNames.TryGetKind(kind, out var backendKind));
        var target = new EndpointTarget
        {
            Backend = new BackendConfig { Name = "x", Kind = backendKind, BaseUrl = url },
            Url = url,
            Sources = ["llm.x.base_url"],
        };

        Assert.Equal(expected, DoctorAdvice.Unreachable(target));
    }

    [Theory]
    [InlineData(301, "the gateway does not follow redirects: put the final URL in llm.x.base_url")]
    [InlineData(429, "rate limited or out of quota: check the account's limits and billing, then run doctor again")]
    [InlineData(502, "the server is up but failing: see its logs or status page, then run doctor again")]
    [InlineData(404, "llm.x.base_url should be the API root ending in /v1")]
    public void ForStatus_Status_SaysWhatToDo(int status, string expected)
    {
        var target = new EndpointTarget
        {
            Backend = new BackendConfig { Name = "x", Kind = BackendKind.OpenAI, BaseUrl = "https://api.openai.com/v1" },
            Url = "https://api.openai.com/v1",
            Sources = ["llm.x.base_url"],
        };

        Assert.Equal(expected, DoctorAdvice.ForStatus(target, status));
    }
}
