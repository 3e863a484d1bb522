using System.Text.Json;
using Gateway.Backends;
using Gateway.Backends.Anthropic;
using static Gateway.Tests.Backends.Anthropic.AnthropicTestKit;

namespace Gateway.Tests.Backends.Anthropic;

/// <summary>How OpenAI's <c>messages</c> become Anthropic's <c>system</c> and alternating turns of content blocks.</summary>
public sealed class AnthropicMessagesTranslationTests
{
    [Fact]
    public void CreateChatRequest_SystemAndDeveloperMessages_LiftedIntoTopLevelSystemJoinedByBlankLines()
    {
        var body = Translate("""
            {"model":"m","messages":[
              {"role":"system","content":"You are terse."},
              {"role":"user","content":"Hi"},
              {"role":"developer","content":[{"type":"text","text":"Use metric units."},{"type":"text","text":"Cite sources."}]}
            ]}
            """);

        Assert.Equal("You are terse.\n\nUse metric units.\nCite sources.", body.GetProperty("system").GetString());
        var messages = body.GetProperty("messages");
        Assert.Equal(1, messages.GetArrayLength());
        Assert.Equal("user", messages[0].GetProperty("role").GetString());
    }

    [Fact]
    public void CreateChatRequest_NoSystemMessage_SendsNoSystem()
    {
        var body = Translate(Chat());

        Assert.False(body.TryGetProperty("system", out _));
    }

    [Fact]
    public void CreateChatRequest_ConsecutiveSameRoleMessages_MergedIntoOneTurnWithSeveralBlocks()
    {
        var body = Translate("""
            {"model":"m","messages":[
              {"role":"user","content":"First"},
              {"role":"system","content":"Be brief."},
              {"role":"user","content":"Second"},
              {"role":"assistant","content":"Answer one"},
              {"role":"assistant","content":"Answer two"},
              {"role":"user","content":"Third"}
            ]}
            """);

        var messages = body.GetProperty("messages");
        Assert.Equal(["user", "assistant", "user"], Roles(messages));
        Assert.Equal(["First", "Second"], Texts(messages[0]));
        Assert.Equal(["Answer one", "Answer two"], Texts(messages[1]));
        Assert.Equal(["Third"], Texts(messages[2]));
    }

    [Fact]
    public void CreateChatRequest_ConversationStartingWithAssistant_GetsALeadingUserTurn()
    {
        var body = Translate("""
            {"model":"m","messages":[
              {"role":"system","content":"Be kind."},
              {"role":"assistant","content":"Hello! How can I help?"},
              {"role":"user","content":"Tell me a joke."}
            ]}
            """);

        var messages = body.GetProperty("messages");
        Assert.Equal(["user", "assistant", "user"], Roles(messages));
        Assert.Equal([AnthropicMessagesWriter.ConversationStart], Texts(messages[0]));
    }

    [Fact]
    public void CreateChatRequest_UserContentParts_TextAndBothImageKindsBecomeBlocks()
    {
        var body = Translate("""
            {"model":"m","messages":[{"role":"user","content":[
              {"type":"text","text":"What is in these?"},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"high"}},
              {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}}
            ]}]}
            """);

        var content = body.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal(3, content.GetArrayLength());
        Assert.Equal("text", content[0].GetProperty("type").GetString());
        Assert.Equal("What is in these?", content[0].GetProperty("text").GetString());

        Assert.Equal("image", content[1].GetProperty("type").GetString());
        var inline = content[1].GetProperty("source");
        Assert.Equal("base64", inline.GetProperty("type").GetString());
        Assert.Equal("image/png", inline.GetProperty("media_type").GetString());
        Assert.Equal("iVBORw0KGgo=", inline.GetProperty("data").GetString());

        Assert.Equal("image", content[2].GetProperty("type").GetString());
        var linked = content[2].GetProperty("source");
        Assert.Equal("url", linked.GetProperty("type").GetString());
        Assert.Equal("https://example.com/cat.jpg", linked.GetProperty("url").GetString());
    }

    [Fact]
    public void CreateChatRequest_AssistantToolCalls_BecomeToolUseBlocksAfterTheText()
    {
        var body = Translate("""
            {"model":"m","messages":[
              {"role":"user","content":"Weather in Paris and Oslo?"},
              {"role":"assistant","content":"Checking both.","tool_calls":[
                {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Paris\",\"days\":2}"}},
                {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Oslo\"}"}}
              ]}
            ]}
            """);

        var content = body.GetProperty("messages")[1].GetProperty("content");
        Assert.Equal(["text", "tool_use", "tool_use"], Types(content));
        Assert.Equal("Checking both.", content[0].GetProperty("text").GetString());
        var first = content[1];
        Assert.Equal("call_1", first.GetProperty("id").GetString());
        Assert.Equal("get_weather", first.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Object, first.GetProperty("input").ValueKind);
        Assert.Equal("Paris", first.GetProperty("input").GetProperty("location").GetString());
        Assert.Equal(2, first.GetProperty("input").GetProperty("days").GetInt32());
        Assert.Equal("call_2", content[2].GetProperty("id").GetString());
        Assert.Equal("Oslo", content[2].GetProperty("input").GetProperty("location").GetString());
    }

    [Fact]
    public void CreateChatRequest_AssistantToolCallsWithNullContentAndEmptyArguments_OnlyToolUseWithEmptyInput()
    {
        var body = Translate("""
            {"model":"m","messages":[
              {"role":"user","content":"Time?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"now","arguments":""}}]}
            ]}
            """);

        var content = body.GetProperty("messages")[1].GetProperty("content");
        Assert.Equal(["tool_use"], Types(content));
        Assert.Equal("{}", content[0].GetProperty("input").GetRawText());
    }

    [Fact]
    public void CreateChatRequest_ToolMessages_BecomeToolResultBlocksOfOneUserTurn()
    {
        var body = Translate("""
            {"model":"m","messages":[
              {"role":"user","content":"Weather in Paris and Oslo?"},
              {"role":"assistant","content":null,"tool_calls":[
                {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}},
                {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{}"}}
              ]},
              {"role":"tool","tool_call_id":"call_1","content":"18 C"},
              {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"4 C"}]},
              {"role":"user","content":"Which is warmer?"}
            ]}
            """);

        var messages = body.GetProperty("messages");
        Assert.Equal(["user", "assistant", "user"], Roles(messages));
        var results = messages[2].GetProperty("content");
        Assert.Equal(["tool_result", "tool_result", "text"], Types(results));
        Assert.Equal("call_1", results[0].GetProperty("tool_use_id").GetString());
        Assert.Equal("18 C", results[0].GetProperty("content").GetString());
        Assert.Equal("call_2", results[1].GetProperty("tool_use_id").GetString());
        Assert.Equal("4 C", results[1].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("Which is warmer?", results[2].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("""{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AAA","format":"wav"}}]}""", "messages[0].content[0].type")]
    [InlineData("""{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://example.com/a.png"}}]}""", "messages[0].content[0].image_url")]
    [InlineData("""{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png,rawbytes"}}]}""", "messages[0].content[0].image_url")]
    [InlineData("""{"role":"function","name":"f","content":"x"}""", "messages[0].role")]
    [InlineData("""{"role":"tool","content":"x"}""", "messages[0].tool_call_id")]
    [InlineData("""{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{not json"}}]}""", "messages[0].tool_calls[0].function.arguments")]
    [InlineData("""{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"[1,2]"}}]}""", "messages[0].tool_calls[0].function.arguments")]
    public void CreateChatRequest_MessageAnthropicCannotExpress_ThrowsNamingTheField(string message, string param)
    {
        using var request = Request($$"""{"model":"m","messages":[{{message}}]}""");

        var error = Assert.Throws<UnsupportedRequestException>(() => Protocol().CreateChatRequest(request, Candidate()));

        Assert.Equal(param, error.Param);
        Assert.DoesNotContain(ApiKey, error.Message, StringComparison.Ordinal);
    }

    private static string[] Roles(JsonElement messages)
    {
        var roles = new string[messages.GetArrayLength()];
        for (var i = 0; i < roles.Length; i++)
        {
            roles[i] = messages[i].GetProperty("role").GetString()!;
        }

        return roles;
    }

    private static string[] Types(JsonElement content)
    {
        var types = new string[content.GetArrayLength()];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = content[i].GetProperty("type").GetString()!;
        }

        return types;
    }

    private static string[] Texts(JsonElement message)
    {
        var content = message.GetProperty("content");
        var texts = new string[content.GetArrayLength()];
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal("text", content[i].GetProperty("type").GetString());
            texts[i] = content[i].GetProperty("text").GetString()!;
        }

        return texts;
    }
}
