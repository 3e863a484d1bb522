using System.Text.Json;
using Gateway.Configuration;
using Gateway.Exchange;
using Gateway.Surfaces.Responses;

namespace Gateway.Tests.Surfaces.Responses;

/// <summary>
/// A Responses request becomes the gateway's Chat Completions exchange: items become messages with call ids kept, flat shapes become
/// nested ones, what cannot be said is noted for OpenAI alone or refused, and what only tunes OpenAI is left out and named.
/// </summary>
public sealed class ResponsesRequestDecoderTests
{
    [Fact]
    public void Decode_InstructionsStringInput_SystemThenUserAndTheLimitRenamed()
    {
        var decoded = Decode("""{"model":"m","instructions":"Be terse.","input":"Hi","max_output_tokens":20,"prompt_cache_key":"k","store":false}""");

        using var request = decoded.Request!;
        var messages = request.Messages.EnumerateArray().ToArray();
        Assert.Equal(("system", "Be terse."), (messages[0].GetProperty("role").GetString(), messages[0].GetProperty("content").GetString()));
        Assert.Equal("user", messages[1].GetProperty("role").GetString());
        Assert.Equal("Hi", messages[1].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(20, request.MaxTokens);
        Assert.Equal(["prompt_cache_key", "store"], decoded.Ignored);
    }

    [Fact]
    public void Decode_CallsThenOutputs_OneAssistantMessageWithBothCallsAndToolMessagesWithTheirCallIds()
    {
        var decoded = Decode("""
            {"model":"m","input":[
              {"role":"user","content":"Weather in Paris and Rome?"},
              {"type":"reasoning","id":"rs_1","summary":[]},
              {"type":"function_call","id":"fc_1","call_id":"call_a","name":"weather","arguments":"{\"city\":\"Paris\"}"},
              {"type":"function_call","id":"fc_2","call_id":"call_b","name":"weather","arguments":"{\"city\":\"Rome\"}"},
              {"type":"function_call_output","call_id":"call_a","output":"18 C"},
              {"type":"function_call_output","call_id":"call_b","output":[{"type":"input_text","text":"21 C"}]}]}
            """);

        using var request = decoded.Request!;
        var messages = request.Messages.EnumerateArray().ToArray();
        Assert.Equal(["user", "assistant", "tool", "tool"], messages.Select(m => m.GetProperty("role").GetString()));
        var calls = messages[1].GetProperty("tool_calls").EnumerateArray().ToArray();
        Assert.Equal(["call_a", "call_b"], calls.Select(c => c.GetProperty("id").GetString())); // the join key, never the item id (T2)
        Assert.Equal("""{"city":"Rome"}""", calls[1].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal(("call_a", "18 C"), (messages[2].GetProperty("tool_call_id").GetString(), messages[2].GetProperty("content").GetString()));
        Assert.Equal(("call_b", "21 C"), (messages[3].GetProperty("tool_call_id").GetString(), messages[3].GetProperty("content").GetString()));
        Assert.Equal(["input.reasoning"], decoded.Ignored);
    }

    [Fact]
    public void Decode_FlatToolsChoiceAndSchema_NestedAsChatCompletionsHasThem()
    {
        var decoded = Decode("""
            {"model":"m","input":"x","parallel_tool_calls":false,
             "tools":[{"type":"function","name":"weather","description":"d","parameters":{"type":"object"},"strict":true}],
             "tool_choice":{"type":"function","name":"weather"},
             "text":{"format":{"type":"json_schema","name":"answer","schema":{"type":"object"},"strict":true},"verbosity":"low"}}
            """);

        using var request = decoded.Request!;
        var tool = request.Root.GetProperty("tools")[0];
        Assert.Equal(("function", "weather", true), (tool.GetProperty("type").GetString(), tool.GetProperty("function").GetProperty("name").GetString(),
            tool.GetProperty("function").GetProperty("strict").GetBoolean()));
        Assert.Equal("weather", request.Root.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());
        var format = request.Root.GetProperty("response_format");
        Assert.Equal(("json_schema", "answer"), (format.GetProperty("type").GetString(), format.GetProperty("json_schema").GetProperty("name").GetString()));
        Assert.False(request.Root.GetProperty("parallel_tool_calls").GetBoolean());
        Assert.Equal(["text.verbosity"], decoded.Ignored);
    }

    [Fact]
    public void Decode_ImageByUrl_AnImagePart()
    {
        var decoded = Decode("""{"model":"m","input":[{"role":"user","content":[{"type":"input_text","text":"What is it?"},{"type":"input_image","image_url":"data:image/png;base64,AAAA","detail":"low"}]}]}""");

        using var request = decoded.Request!;
        var image = request.Messages[0].GetProperty("content")[1];
        Assert.Equal(("image_url", "data:image/png;base64,AAAA", "low"),
            (image.GetProperty("type").GetString(), image.GetProperty("image_url").GetProperty("url").GetString(), image.GetProperty("image_url").GetProperty("detail").GetString()));
    }

    [Fact]
    public void Decode_BuiltInToolsOffered_LeftOutAndNamedWhileFunctionToolsStay()
    {
        var decoded = Decode("""{"model":"m","input":"x","tools":[{"type":"web_search","external_web_access":false},{"type":"function","name":"f","parameters":{}}]}""");

        using var request = decoded.Request!;
        Assert.Null(decoded.Untranslatable);
        Assert.Equal(["f"], request.Root.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()));
        Assert.Equal(["tools.web_search"], decoded.Ignored);
    }

    [Fact]
    public void Decode_BuiltInToolRequiredOrFile_UntranslatableNamingIt()
    {
        var forced = Decode("""{"model":"m","input":"x","tools":[{"type":"web_search"}],"tool_choice":{"type":"web_search"}}""");
        var file = Decode("""{"model":"m","input":[{"role":"user","content":[{"type":"input_file","file_id":"file-1"}]}]}""");

        forced.Request!.Dispose();
        file.Request!.Dispose();
        Assert.Equal("tool_choice", forced.Untranslatable!.Param);
        Assert.Contains("web_search", forced.Untranslatable.Message);
        Assert.Equal("input", file.Untranslatable!.Param);
        Assert.Contains("input_file", file.Untranslatable.Message);
    }

    [Theory]
    [InlineData("""{"model":"m","input":[{"type":"function_call_output","output":"18 C"}]}""", "input", "call_id")]
    [InlineData("""{"model":"m","input":"x","text":{"format":{"type":"json_schema","schema":{}}}}""", "text.format.name", "Missing required parameter: 'text.format.name'.")]
    [InlineData("""{"model":"m","input":"x","max_output_tokens":0}""", "max_output_tokens", "at least 1")]
    [InlineData("""{"model":"m","input":[{"role":"robot","content":"x"}]}""", "input", "role")]
    public void Decode_WrongShape_400NamingTheField(string body, string param, string words)
    {
        var decoded = Decode(body);

        Assert.Null(decoded.Request);
        Assert.Equal((400, param), (decoded.Error!.Status, decoded.Error.Param));
        Assert.Contains(words, decoded.Error.Message);
    }

    private static ResponsesRequestDecoder.Decoded Decode(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var (items, error) = ResponsesTurn.NormalizeInput(root);
        Assert.Null(error);
        using var current = JsonDocument.Parse(items!);
        return ResponsesRequestDecoder.Decode(root, [.. current.RootElement.EnumerateArray()], new GlobalDefaults(), RequestLimits.Default);
    }
}
