using System.Net;
using System.Text.Json;

namespace Gateway.Tests.Upstreams;

/// <summary>The fixtures are well-formed and the constants that describe them (joined text, arguments) match what they contain.</summary>
public sealed class PayloadsTests
{
    public static TheoryData<string, string> JsonFixtures { get; } = new()
    {
        { nameof(OpenAiPayloads.ChatCompletion), OpenAiPayloads.ChatCompletion },
        { nameof(OpenAiPayloads.ToolCallCompletion), OpenAiPayloads.ToolCallCompletion },
        { nameof(OpenAiPayloads.RateLimitError), OpenAiPayloads.RateLimitError },
        { nameof(OpenAiPayloads.MissingApiKeyError), OpenAiPayloads.MissingApiKeyError },
        { nameof(OpenAiPayloads.InvalidApiKeyError), OpenAiPayloads.InvalidApiKeyError },
        { nameof(OpenAiPayloads.ServerError), OpenAiPayloads.ServerError },
        { nameof(OpenAiPayloads.InvalidJsonError), OpenAiPayloads.InvalidJsonError },
        { nameof(OpenAiPayloads.MissingModelError), OpenAiPayloads.MissingModelError },
        { nameof(OpenAiPayloads.ModelList), OpenAiPayloads.ModelList },
        { nameof(OpenAiPayloads.ModelNotFoundError), OpenAiPayloads.ModelNotFoundError("gpt-\"quoted\"") },
        { nameof(OpenAiPayloads.InvalidUrlError), OpenAiPayloads.InvalidUrlError("POST", "/v1/x") },
        { nameof(AzurePayloads.ChatCompletion), AzurePayloads.ChatCompletion },
        { nameof(AzurePayloads.ContentFilterError), AzurePayloads.ContentFilterError },
        { nameof(AzurePayloads.RateLimitError), AzurePayloads.RateLimitError },
        { nameof(AzurePayloads.UnauthorizedError), AzurePayloads.UnauthorizedError },
        { nameof(AzurePayloads.ResourceNotFoundError), AzurePayloads.ResourceNotFoundError },
        { nameof(AzurePayloads.ApiVersionNotSupportedError), AzurePayloads.ApiVersionNotSupportedError },
        { nameof(AzurePayloads.DeploymentNotFoundError), AzurePayloads.DeploymentNotFoundError },
        { nameof(AzurePayloads.ModelList), AzurePayloads.ModelList },
        { nameof(AnthropicPayloads.Message), AnthropicPayloads.Message },
        { nameof(AnthropicPayloads.OverloadedError), AnthropicPayloads.OverloadedError },
        { nameof(AnthropicPayloads.InvalidApiKeyError), AnthropicPayloads.InvalidApiKeyError },
        { nameof(AnthropicPayloads.MissingApiKeyError), AnthropicPayloads.MissingApiKeyError },
        { nameof(AnthropicPayloads.MissingVersionError), AnthropicPayloads.MissingVersionError },
        { nameof(AnthropicPayloads.MissingMaxTokensError), AnthropicPayloads.MissingMaxTokensError },
        { nameof(AnthropicPayloads.InvalidJsonError), AnthropicPayloads.InvalidJsonError },
        { nameof(AnthropicPayloads.NotFoundError), AnthropicPayloads.NotFoundError },
        { nameof(AnthropicPayloads.RateLimitError), AnthropicPayloads.RateLimitError },
        { nameof(AnthropicPayloads.ModelList), AnthropicPayloads.ModelList },
        { nameof(AnthropicPayloads.InvalidVersionError), AnthropicPayloads.InvalidVersionError("2024-10-22") },
        { nameof(AnthropicPayloads.ModelNotFoundError), AnthropicPayloads.ModelNotFoundError("claude-x") },
        { nameof(OllamaPayloads.Chat), OllamaPayloads.Chat },
        { nameof(OllamaPayloads.ToolCallChat), OllamaPayloads.ToolCallChat },
        { nameof(OllamaPayloads.MidStreamErrorLine), OllamaPayloads.MidStreamErrorLine },
        { nameof(OllamaPayloads.ServerError), OllamaPayloads.ServerError },
        { nameof(OllamaPayloads.MissingModelError), OllamaPayloads.MissingModelError },
        { nameof(OllamaPayloads.MissingBodyError), OllamaPayloads.MissingBodyError },
        { nameof(OllamaPayloads.UnauthorizedError), OllamaPayloads.UnauthorizedError },
        { nameof(OllamaPayloads.Embed), OllamaPayloads.Embed },
        { nameof(OllamaPayloads.Tags), OllamaPayloads.Tags },
        { nameof(OllamaPayloads.ModelNotFoundError), OllamaPayloads.ModelNotFoundError("llama9") },
        { nameof(LmStudioPayloads.ChatCompletion), LmStudioPayloads.ChatCompletion },
        { nameof(LmStudioPayloads.ToolCallCompletion), LmStudioPayloads.ToolCallCompletion },
        { nameof(LmStudioPayloads.ModelList), LmStudioPayloads.ModelList },
        { nameof(LmStudioPayloads.MissingTokenError), LmStudioPayloads.MissingTokenError },
        { nameof(LmStudioPayloads.InvalidTokenError), LmStudioPayloads.InvalidTokenError },
        { nameof(LmStudioPayloads.NoModelsLoadedError), LmStudioPayloads.NoModelsLoadedError },
        { nameof(LmStudioPayloads.ModelNotFoundError), LmStudioPayloads.ModelNotFoundError("default", ["a", "b"]) },
        { nameof(LmStudioPayloads.UnexpectedEndpointError), LmStudioPayloads.UnexpectedEndpointError("GET", "/v1/x") },
    };

    public static TheoryData<string, string[]> SseFixtures { get; } = new()
    {
        { "OpenAI " + nameof(OpenAiPayloads.TextStream), [.. OpenAiPayloads.TextStream] },
        { "OpenAI " + nameof(OpenAiPayloads.LengthStream), [.. OpenAiPayloads.LengthStream] },
        { "OpenAI " + nameof(OpenAiPayloads.ToolCallStream), [.. OpenAiPayloads.ToolCallStream] },
        { "OpenAI " + nameof(OpenAiPayloads.TextStreamWithMidStreamError), [.. OpenAiPayloads.TextStreamWithMidStreamError] },
        { "Azure " + nameof(AzurePayloads.PassesFiltersStream), [.. AzurePayloads.PassesFiltersStream] },
        { "Azure " + nameof(AzurePayloads.BlockedStream), [.. AzurePayloads.BlockedStream] },
        { "Azure " + nameof(AzurePayloads.UsageEvent), [AzurePayloads.UsageEvent] },
        { "Anthropic " + nameof(AnthropicPayloads.TextStream), [.. AnthropicPayloads.TextStream] },
        { "Anthropic " + nameof(AnthropicPayloads.ToolUseStream), [.. AnthropicPayloads.ToolUseStream] },
        { "Anthropic " + nameof(AnthropicPayloads.TextStreamWithMidStreamError), [.. AnthropicPayloads.TextStreamWithMidStreamError] },
        { "LM Studio " + nameof(LmStudioPayloads.TextStream), [.. LmStudioPayloads.TextStream] },
        { "LM Studio " + nameof(LmStudioPayloads.ToolCallStream), [.. LmStudioPayloads.ToolCallStream] },
    };

    public static TheoryData<string, string[]> NdjsonFixtures { get; } = new()
    {
        { nameof(OllamaPayloads.ChatStream), [.. OllamaPayloads.ChatStream] },
        { nameof(OllamaPayloads.ToolCallStream), [.. OllamaPayloads.ToolCallStream] },
        { nameof(OllamaPayloads.ChatStreamWithMidStreamError), [.. OllamaPayloads.ChatStreamWithMidStreamError] },
    };

    [Theory]
    [MemberData(nameof(JsonFixtures))]
    public void JsonFixture_IsOneLineOfValidJson(string name, string json)
    {
        Assert.DoesNotContain('\n', json);
        var root = UpstreamClient.Parse(json);
        Assert.True(root.ValueKind == JsonValueKind.Object, name);
    }

    [Theory]
    [MemberData(nameof(SseFixtures))]
    public void SseFixture_EachEventIsFramedOnceAndCarriesJsonOrDone(string name, string[] events)
    {
        Assert.NotEmpty(events);
        foreach (var raw in events)
        {
            Assert.EndsWith("\n\n", raw, StringComparison.Ordinal);
            Assert.True(raw.IndexOf("\n\n", StringComparison.Ordinal) == raw.Length - 2, $"{name}: one event per entry: {raw}");
            var lines = raw[..^2].Split('\n');
            var data = Assert.Single(lines, line => line.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
            if (data == "[DONE]")
            {
                continue;
            }

            var json = UpstreamClient.Parse(data);
            if (lines[0].StartsWith("event: ", StringComparison.Ordinal))
            {
                Assert.Equal(lines[0]["event: ".Length..], json.GetProperty("type").GetString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(NdjsonFixtures))]
    public void NdjsonFixture_EachLineIsOneJsonObject(string name, string[] lines)
    {
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.DoesNotContain('\n', line));
        Assert.All(UpstreamClient.ParseEach(lines), json => Assert.True(json.ValueKind == JsonValueKind.Object, name));
    }

    [Fact]
    public void OpenAiToolCallStream_ArgumentFragments_JoinToTheDocumentedArguments()
    {
        var chunks = UpstreamClient.DataOf(OpenAiPayloads.ToolCallStream).Where(chunk => chunk.GetProperty("choices").GetArrayLength() > 0).ToList();
        var calls = chunks.Select(chunk => chunk.GetProperty("choices")[0].GetProperty("delta")).Where(delta => delta.TryGetProperty("tool_calls", out _)).Select(delta => delta.GetProperty("tool_calls")[0]).ToList();

        Assert.Equal(OpenAiPayloads.ToolCallStreamArguments, string.Concat(calls.Select(call => call.GetProperty("function").GetProperty("arguments").GetString())));
        Assert.Equal(OpenAiPayloads.ToolCallStreamFunction, calls[0].GetProperty("function").GetProperty("name").GetString());
        Assert.All(calls.Skip(1), call => Assert.False(call.TryGetProperty("id", out _)));
        Assert.Equal("tool_calls", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void LmStudioToolCallStream_ArgumentFragments_JoinToTheDocumentedArgumentsWithANumericId()
    {
        var calls = UpstreamClient.DataOf(LmStudioPayloads.ToolCallStream)
            .Select(chunk => chunk.GetProperty("choices")[0].GetProperty("delta"))
            .Where(delta => delta.TryGetProperty("tool_calls", out _))
            .Select(delta => delta.GetProperty("tool_calls")[0])
            .ToList();

        Assert.Equal(LmStudioPayloads.ToolCallStreamArguments, string.Concat(calls.Select(call => call.GetProperty("function").GetProperty("arguments").GetString())));
        Assert.True(long.TryParse(calls[0].GetProperty("id").GetString(), out _));
    }

    [Fact]
    public void AnthropicToolUseStream_PartialJson_JoinsToTheToolInput()
    {
        var fragments = UpstreamClient.DataOf(AnthropicPayloads.ToolUseStream)
            .Where(e => e.GetProperty("type").GetString() == "content_block_delta" && e.GetProperty("delta").GetProperty("type").GetString() == "input_json_delta")
            .Select(e => e.GetProperty("delta").GetProperty("partial_json").GetString())
            .ToList();

        Assert.Equal("", fragments[0]);
        Assert.Equal(AnthropicPayloads.ToolUseStreamInput, string.Concat(fragments));
    }

    [Fact]
    public void AnthropicMidStreamError_EndsWithTheErrorEventAndNoMessageStop()
    {
        Assert.Equal(AnthropicPayloads.ErrorEvent, AnthropicPayloads.TextStreamWithMidStreamError[^1]);
        Assert.DoesNotContain(AnthropicPayloads.TextStreamWithMidStreamError, raw => raw.StartsWith("event: message_stop", StringComparison.Ordinal));
    }

    [Fact]
    public void OpenAiLengthStream_FinishesWithLength()
    {
        var chunks = UpstreamClient.DataOf(OpenAiPayloads.LengthStream);

        Assert.Equal("length", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void AzureBlockedStream_FinishesWithContentFilterOnAnAnnotationEvent()
    {
        var last = UpstreamClient.DataOf(AzurePayloads.BlockedStream)[^1];

        Assert.Equal("", last.GetProperty("id").GetString());
        Assert.Equal("content_filter", last.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void OllamaToolCallStream_CarriesTheWholeCallInOneLine()
    {
        var first = UpstreamClient.Parse(OllamaPayloads.ToolCallStream[0]);
        var call = first.GetProperty("message").GetProperty("tool_calls")[0].GetProperty("function");

        Assert.False(first.GetProperty("done").GetBoolean());
        Assert.Equal("Tokyo", call.GetProperty("arguments").GetProperty("city").GetString());
    }

    [Fact]
    public async Task OpenAiRateLimited_Enqueued_Sends429WithRetryAfter()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        stub.Enqueue(OpenAiPayloads.RateLimited(retryAfterSeconds: 3));

        using var response = await UpstreamClient.GetAsync(stub.Url + "/v1/models");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("3", response.Headers.GetValues("retry-after").Single());
        Assert.Equal(OpenAiPayloads.RateLimitError, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AzureRateLimited_Enqueued_Sends429WithAzuresContentType()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Azure);
        stub.Enqueue(AzurePayloads.RateLimited());

        using var response = await UpstreamClient.GetAsync(stub.Url + "/openai/models?api-version=2024-10-21");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("2", response.Headers.GetValues("retry-after").Single());
        Assert.Equal("application/json; charset=UTF-8", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task AnthropicOverloaded_Enqueued_Sends529()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        stub.Enqueue(AnthropicPayloads.Overloaded());

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/messages", "{}");

        Assert.Equal(529, (int)response.StatusCode);
        Assert.Equal(AnthropicPayloads.OverloadedError, await response.Content.ReadAsStringAsync());
    }
}
