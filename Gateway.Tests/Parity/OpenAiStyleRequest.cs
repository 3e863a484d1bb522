using System.Text.Json;

namespace Gateway.Tests.Parity;

/// <summary>
/// What an OpenAI-style body (OpenAI, Azure, LM Studio) must carry for each scenario: the client's messages, tools and formats as
/// sent, usage requested in streams, and the token limit under the field the backend reads.
/// </summary>
internal static class OpenAiStyleRequest
{
    public static void AssertBody(ParityScenario scenario, bool stream, JsonElement body, string maxTokensField)
    {
        if (stream)
        {
            Assert.True(body.At("stream").GetBoolean());
            Assert.True(body.At("stream_options", "include_usage").GetBoolean());
        }
        else
        {
            Assert.False(body.TryGetProperty("stream", out var flag) && flag.ValueKind == JsonValueKind.True);
            Assert.False(body.Has("stream_options"));
        }

        var messages = body.At("messages");
        switch (scenario)
        {
            case ParityScenario.PlainText or ParityScenario.UpstreamError:
                Assert.Equal("system", messages.Text(0, "role"));
                Assert.Equal(ParityRequests.SystemPrompt, messages.Text(0, "content"));
                Assert.Equal(ParityRequests.Question, messages.Text(1, "content"));
                break;
            case ParityScenario.ToolCall:
                Assert.Equal(ParityRequests.ToolName, body.Text("tools", 0, "function", "name"));
                JsonAssert.SameJson(ParityRequests.ToolParameters, body.At("tools", 0, "function", "parameters").GetRawText());
                Assert.Equal("auto", body.Text("tool_choice"));
                break;
            case ParityScenario.ToolResultRoundTrip:
                Assert.Equal(ParityRequests.CallId, messages.Text(1, "tool_calls", 0, "id"));
                Assert.Equal(ParityRequests.CallArguments, messages.Text(1, "tool_calls", 0, "function", "arguments"));
                Assert.Equal("tool", messages.Text(2, "role"));
                Assert.Equal(ParityRequests.CallId, messages.Text(2, "tool_call_id"));
                Assert.Equal(ParityRequests.ToolResult, messages.Text(2, "content"));
                break;
            case ParityScenario.ImageInput:
                Assert.Equal(ParityRequests.ImageQuestion, messages.Text(0, "content", 0, "text"));
                Assert.Equal($"data:image/png;base64,{ParityRequests.PngBase64}", messages.Text(0, "content", 1, "image_url", "url"));
                break;
            case ParityScenario.JsonMode:
                Assert.Equal("json_object", body.Text("response_format", "type"));
                break;
            case ParityScenario.LengthFinish:
                Assert.Equal(1, body.At(maxTokensField).GetInt32());
                var other = maxTokensField == "max_tokens" ? "max_completion_tokens" : "max_tokens";
                Assert.False(body.Has(other), $"the token limit must be sent once, as {maxTokensField}, not also as {other}");
                Assert.Equal(ParityRequests.StopSequence, body.Text("stop", 0));
                break;
        }
    }
}
