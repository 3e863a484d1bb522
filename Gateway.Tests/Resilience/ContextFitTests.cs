using System.Text.Json;
using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Dispatch;
using Gateway.Resilience;
using Gateway.Routing;

namespace Gateway.Tests.Resilience;

/// <summary>Prompt size estimates and the context-window fallback, without HTTP.</summary>
public sealed class ContextFitTests
{
    private static readonly BackendConfig Ollama = new() { Name = "ollama", Kind = BackendKind.Ollama, BaseUrl = "http://ollama" };
    private static readonly BackendConfig OpenAi = new() { Name = "openai", Kind = BackendKind.OpenAI, BaseUrl = "http://openai" };

    private static Candidate Candidate(BackendConfig backend, string model, int? window) =>
        new() { Backend = backend, Model = model, Endpoint = backend.BaseUrl, ContextWindow = window, Reason = "test" };

    private static ChatRequest Request(params (string Role, string Content)[] messages)
    {
        var json = JsonSerializer.Serialize(new { model = "generator", messages = messages.Select(m => new { role = m.Role, content = m.Content }) });
        return new ChatRequest(JsonDocument.Parse(json), "generator", stream: false, includeUsage: false);
    }

    private static string Words(int count) => string.Join(' ', Enumerable.Repeat("word", count));

    [Fact]
    public void Measure_OpenAiModel_CountsWithItsTiktokenEncoding()
    {
        using var request = Request(("user", "Hello, world! How are you today?"));

        var size = TokenEstimator.Measure(request, "gpt-4o");

        Assert.Equal("o200k_base", size.Method);
        Assert.Equal(9 + TokenEstimator.PerMessage + TokenEstimator.PerPrompt, size.Total);
    }

    [Theory]
    [InlineData("gpt-4", "cl100k_base")]
    [InlineData("gpt-3.5-turbo", "cl100k_base")]
    [InlineData("gpt-4o-mini", "o200k_base")]
    [InlineData("o3-mini", "o200k_base")]
    [InlineData("llama3", "heuristic")]
    [InlineData("claude-3-5-sonnet-20241022", "heuristic")]
    public void MethodFor_Model_PicksTheEncodingOrTheHeuristic(string model, string method)
    {
        Assert.Equal(method, TokenEstimator.MethodFor(model));
    }

    [Fact]
    public void Measure_OtherModel_OneTokenPerFourCharactersPlusFraming()
    {
        using var request = Request(("system", new string('s', 40)), ("user", new string('u', 41)));

        var size = TokenEstimator.Measure(request, "llama3");

        Assert.Equal("heuristic", size.Method);
        Assert.Equal([10 + TokenEstimator.PerMessage, 11 + TokenEstimator.PerMessage], size.PerMessage);
        Assert.Equal(21 + (2 * TokenEstimator.PerMessage) + TokenEstimator.PerPrompt, size.Total);
    }

    [Fact]
    public void Check_NoWindowsConfigured_NothingToDo()
    {
        using var request = Request(("user", Words(10_000)));

        Assert.Null(ContextFit.Check(request, [Candidate(Ollama, "llama3", null)], truncate: false));
    }

    [Fact]
    public void Check_PromptWellWithinEveryWindow_NothingToDo()
    {
        using var request = Request(("system", "Be brief."), ("user", Words(100)));

        Assert.Null(ContextFit.Check(request, [Candidate(Ollama, "llama3", 8192), Candidate(OpenAi, "gpt-4o", 128_000)], truncate: false));
    }

    [Fact]
    public void UpperBound_AnyPrompt_NeverBelowTheEstimate()
    {
        using var request = Request(("system", "Sé breve. 简短一点。"), ("user", Words(50)), ("assistant", "ok"));

        foreach (var model in new[] { "gpt-4o", "gpt-4", "llama3" })
        {
            Assert.True(TokenEstimator.UpperBound(request) >= TokenEstimator.Measure(request, model).Total, model);
        }
    }

    [Fact]
    public void Check_PrimaryWindowTooSmall_SkippedAndTheLargerFallbackKept()
    {
        using var request = Request(("user", Words(3000)));
        var small = Candidate(Ollama, "llama3", 2048);
        var large = Candidate(OpenAi, "gpt-4o", 128_000);

        var fit = ContextFit.Check(request, [small, large], truncate: false)!;

        Assert.Equal([large], fit.Candidates);
        Assert.Contains("exceeds its context window of 2048", Assert.Single(fit.Notes), StringComparison.Ordinal);
        Assert.Null(fit.Error);
    }

    [Fact]
    public void Check_FitsNowhereWithoutTruncation_400NamingTheEstimateAndTheWindows()
    {
        using var request = Request(("user", Words(3000)));

        var error = ContextFit.Check(request, [Candidate(Ollama, "llama3", 1024), Candidate(OpenAi, "gpt-4", 2048)], truncate: false)!.Error!;

        Assert.Equal(400, error.Status);
        Assert.Equal("context_length_exceeded", error.Code);
        Assert.Contains("The prompt is about 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("ollama llama3 1024, openai gpt-4 2048", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncate_prompts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FitsNowhereWithTruncation_DropsOldestTurnsKeepsSystemAndLast()
    {
        using var request = Request(
            ("system", "You are terse."),
            ("user", Words(600)),
            ("assistant", Words(600)),
            ("user", Words(100)),
            ("assistant", Words(100)),
            ("user", "And now?"));

        var fit = ContextFit.Check(request, [Candidate(Ollama, "llama3", 400)], truncate: true)!;

        using var truncated = fit.Truncated!;
        var kept = truncated.Messages.EnumerateArray().Select(m => m.GetProperty("content").GetString()).ToList();
        Assert.Equal(["You are terse.", Words(100), Words(100), "And now?"], kept);
        Assert.Equal("dropped 2 of 6 messages; about", fit.Truncation![..30]);
        Assert.True(TokenEstimator.Measure(truncated, "llama3").Total <= 400);
        Assert.Equal("generator", truncated.Model);
    }

    [Fact]
    public void Check_LastMessageAloneTooLarge_400EvenWithTruncation()
    {
        using var request = Request(("user", "hi"), ("user", Words(5000)));

        var error = ContextFit.Check(request, [Candidate(Ollama, "llama3", 1000)], truncate: true)!.Error!;

        Assert.Equal("context_length_exceeded", error.Code);
        Assert.Contains("Shorten the last message", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_DroppedCallHasToolResults_TheResultsGoWithIt()
    {
        using var document = JsonDocument.Parse("""
            [{"role":"user","content":"weather?"},
             {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"w","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"c1","content":"sunny"},
             {"role":"user","content":"thanks"}]
            """);
        var size = new PromptSize(100, [25, 25, 25, 25], "heuristic");

        var keep = PromptTruncator.Plan(document.RootElement, size, 30)!;

        Assert.Equal([false, false, false, true], keep);
    }
}
