using System.Text.Json;
using Gateway.Configuration;
using Gateway.Exchange;
using Gateway.Surfaces.Anthropic;

namespace Gateway.Tests.Surfaces.Anthropic;

/// <summary>
/// An Anthropic Messages request becomes the gateway's Chat Completions exchange: every field that shapes the answer keeps its
/// meaning, what cannot be said is a 400 naming it, and what only tunes Anthropic is left out and named.
/// </summary>
public sealed class MessagesRequestDecoderTests
{
    [Fact]
    public void Decode_SystemBlocksAndText_OneSystemMessageWithTheBlocksInOrder()
    {
        using var request = Decode("""
            {"model":"claude-sonnet-4-5","max_tokens":1024,
             "system":[{"type":"text","text":"x-attribution"},{"type":"text","text":"You are terse.","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":"Hello"}]}
            """, out var ignored);

        var messages = request.Messages;
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal(["x-attribution", "You are terse."], messages[0].GetProperty("content").EnumerateArray().Select(p => p.GetProperty("text").GetString()));
        Assert.Equal(("user", "Hello"), (messages[1].GetProperty("role").GetString(), messages[1].GetProperty("content").GetString()));
        Assert.Equal(1024, request.MaxTokens);
        Assert.Equal(["cache_control"], ignored);
    }

    [Fact]
    public void Decode_ToolUseThenParallelResults_CallsKeepTheirIdsAndResultsComeRightAfterThem()
    {
        using var request = Decode("""
            {"model":"m","max_tokens":100,"messages":[
              {"role":"user","content":"Weather in Paris and Rome?"},
              {"role":"assistant","content":[{"type":"text","text":"Checking."},
                {"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Paris"}},
                {"type":"tool_use","id":"toolu_2","name":"weather","input":{"city":"Rome"}}]},
              {"role":"user","content":[
                {"type":"tool_result","tool_use_id":"toolu_1","content":"18 C"},
                {"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"boom"}],"is_error":true},
                {"type":"text","text":"And tomorrow?"}]}]}
            """, out _);

        var messages = request.Messages.EnumerateArray().ToArray();
        Assert.Equal(["user", "assistant", "tool", "tool", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        var calls = messages[1].GetProperty("tool_calls").EnumerateArray().ToArray();
        Assert.Equal(["toolu_1", "toolu_2"], calls.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal("""{"city":"Paris"}""", calls[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("Checking.", messages[1].GetProperty("content").GetString());
        Assert.Equal(("toolu_1", "18 C"), (messages[2].GetProperty("tool_call_id").GetString(), messages[2].GetProperty("content").GetString()));
        Assert.Equal(("toolu_2", "Error: boom"), (messages[3].GetProperty("tool_call_id").GetString(), messages[3].GetProperty("content").GetString()));
        Assert.Equal("And tomorrow?", messages[4].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Decode_ToolsAndToolChoice_FunctionToolsWithTheirSchemaAndTheSameChoice()
    {
        using var request = Decode("""
            {"model":"m","max_tokens":100,"messages":[{"role":"user","content":"hi"}],
             "tools":[{"name":"weather","description":"Weather by city","input_schema":{"type":"object","properties":{"city":{"type":"string"}}},"cache_control":{"type":"ephemeral"}}],
             "tool_choice":{"type":"any","disable_parallel_tool_use":true}}
            """, out var ignored);

        var tool = request.Root.GetProperty("tools")[0];
        Assert.Equal("function", tool.GetProperty("type").GetString());
        Assert.Equal("weather", tool.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("object", tool.GetProperty("function").GetProperty("parameters").GetProperty("type").GetString());
        Assert.Equal("required", request.Root.GetProperty("tool_choice").GetString());
        Assert.False(request.Root.GetProperty("parallel_tool_calls").GetBoolean());
        Assert.Equal(["tools.cache_control"], ignored);
    }

    [Fact]
    public void Decode_NamedToolChoice_FunctionChoice()
    {
        using var request = Decode("""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"tool_choice":{"type":"tool","name":"weather"}}""", out _);

        Assert.Equal("weather", request.Root.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public void Decode_ImageBlockAndStopSequencesAndStream_DataUrlStopAndUsageAsked()
    {
        using var request = Decode("""
            {"model":"m","max_tokens":5,"stream":true,"stop_sequences":["END"],"temperature":0.2,
             "messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}},{"type":"text","text":"What is it?"}]}]}
            """, out _);

        var parts = request.Messages[0].GetProperty("content");
        Assert.Equal("data:image/png;base64,iVBOR", parts[0].GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal("END", request.Root.GetProperty("stop")[0].GetString());
        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
        Assert.Equal(0.2, request.Temperature);
    }

    [Fact]
    public void Decode_ClaudeCodeHints_LeftOutAndNamedNotRefused()
    {
        using var request = Decode("""
            {"model":"claude-sonnet-4-5","max_tokens":128000,"thinking":{"type":"adaptive"},"context_management":{"edits":[]},
             "output_config":{"effort":"high"},"metadata":{"user_id":"u"},"top_k":5,
             "messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"sig"},{"type":"text","text":"Hello"}]},{"role":"user","content":"again"}]}
            """, out var ignored);

        Assert.Equal(["context_management", "metadata", "output_config.effort", "thinking", "thinking blocks", "top_k"], ignored);
        Assert.False(request.Root.TryGetProperty("thinking", out _));
        Assert.Equal("Hello", request.Messages[1].GetProperty("content").GetString());
    }

    [Fact]
    public void Decode_MidConversationSystemTurn_ASystemMessageWhereItStands()
    {
        using var request = Decode("""
            {"model":"m","max_tokens":5,"system":[{"type":"text","text":"x-attribution"}],
             "messages":[{"role":"user","content":"hi"},
               {"role":"system","content":[{"type":"text","text":"# Environment","cache_control":{"type":"ephemeral"}}]},
               {"role":"assistant","content":"Hello"},{"role":"system","content":"Be brief."},{"role":"user","content":"again"}]}
            """, out var ignored);

        var messages = request.Messages.EnumerateArray().ToArray();
        Assert.Equal(["system", "user", "system", "assistant", "system", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("# Environment", messages[2].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("Be brief.", messages[4].GetProperty("content").GetString());
        Assert.Equal(["cache_control"], ignored);
    }

    [Fact]
    public void Decode_OutputFormatJsonSchema_BecomesAJsonSchemaResponseFormat()
    {
        using var request = Decode("""
            {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],
             "output_config":{"format":{"type":"json_schema","schema":{"type":"object"}}}}
            """, out _);

        var format = request.Root.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("object", format.GetProperty("json_schema").GetProperty("schema").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""", "max_tokens", "max_tokens: Field required")]
    [InlineData("""{"model":"m","max_tokens":"5","messages":[{"role":"user","content":"hi"}]}""", "max_tokens", "must be a whole number")]
    [InlineData("""{"max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""", "model", "model: Field required")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[]}""", "messages", "messages: Field required")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[{"role":"wizard","content":"hi"}]}""", "messages.0", "role user, assistant or system")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"},{"role":"system","content":[{"type":"image","source":{}}]}]}""", "messages.1", "messages.1.content: every block must be")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"stop_sequences":[5]}""", "stop_sequences", "must be a string")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"tool_choice":{"type":"sometimes"}}""", "tool_choice", "not one of auto, any, tool, none")]
    public void Decode_RequestItCannotServe_A400NamingTheField(string body, string param, string message)
    {
        using var document = JsonDocument.Parse(body);

        var decoded = MessagesRequestDecoder.Decode(document.RootElement, new GlobalDefaults(), RequestLimits.Default);

        Assert.Null(decoded.Request);
        Assert.Equal((400, param), (decoded.Error!.Status, decoded.Error.Param));
        Assert.Contains(message, decoded.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"document","source":{}}]}]}""", "messages.0", "messages.0.content.0.type: 'document'")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"web_search_20250305","name":"web_search"}]}""", "tools.0", "server tools")]
    public void Decode_PartNoTranslationCarries_RequestKeptForABackendThatTakesItAsSent_And400ForTheRest(string body, string param, string message)
    {
        using var document = JsonDocument.Parse(body);

        var decoded = MessagesRequestDecoder.Decode(document.RootElement, new GlobalDefaults(), RequestLimits.Default);

        using var request = decoded.Request;
        Assert.NotNull(request);
        Assert.Null(decoded.Error);
        Assert.Equal((400, param), (decoded.Untranslatable!.Status, decoded.Untranslatable.Param));
        Assert.Contains(message, decoded.Untranslatable.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(decoded.Ignored, entry => entry.Contains(message, StringComparison.Ordinal));
    }

    private static Gateway.Backends.ChatRequest Decode(string body, out IReadOnlyList<string> ignored)
    {
        using var document = JsonDocument.Parse(body);
        var decoded = MessagesRequestDecoder.Decode(document.RootElement, new GlobalDefaults(), RequestLimits.Default);
        Assert.Null(decoded.Error);
        ignored = decoded.Ignored;
        return decoded.Request!;
    }
}
