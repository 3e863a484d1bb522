using System.Text.Json;
using Gateway.Backends;
using Gateway.Backends.Anthropic;
using static Gateway.Tests.Backends.Anthropic.AnthropicTestKit;

namespace Gateway.Tests.Backends.Anthropic;

/// <summary>The request line, headers and the top-level fields of the Messages body.</summary>
public sealed class AnthropicRequestTranslationTests
{
    [Fact]
    public void CreateChatRequest_AnyRequest_PostsToV1MessagesWithKeyVersionAndJsonContentType()
    {
        using var request = Request(Chat());

        using var message = Protocol().CreateChatRequest(request, Candidate());

        Assert.Equal(HttpMethod.Post, message.Method);
        Assert.Equal("https://api.anthropic.com/v1/messages", message.RequestUri!.ToString());
        Assert.Equal([ApiKey], message.Headers.GetValues("x-api-key"));
        Assert.Equal(["2023-06-01"], message.Headers.GetValues("anthropic-version"));
        Assert.Equal("application/json", message.Content!.Headers.ContentType!.MediaType);
        Assert.False(message.Headers.Contains("Authorization"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000", "http://127.0.0.1:9000/v1/messages")]
    [InlineData("http://127.0.0.1:9000/", "http://127.0.0.1:9000/v1/messages")]
    [InlineData("https://proxy.example.com/anthropic/v1", "https://proxy.example.com/anthropic/v1/messages")]
    public void CreateChatRequest_Endpoint_MessagesPathAppendedOnce(string endpoint, string expected)
    {
        using var request = Request(Chat());

        using var message = Protocol().CreateChatRequest(request, Candidate(endpoint));

        Assert.Equal(expected, message.RequestUri!.ToString());
    }

    [Fact]
    public void CreateChatRequest_AnyRequest_SendsTheCandidateModelNotTheClientModelString()
    {
        var body = Translate("""{"model":"anthropic:generator","messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(Model, body.GetProperty("model").GetString());
    }

    [Theory]
    [InlineData(""","max_completion_tokens":100,"max_tokens":200""", null, 100)]
    [InlineData(""","max_tokens":200""", 300, 200)]
    [InlineData("", 300, 300)]
    [InlineData("", null, AnthropicRequestWriter.DefaultMaxTokens)]
    public void CreateChatRequest_MaxTokens_RequestThenDefaultThen4096(string extra, int? configuredDefault, int expected)
    {
        var body = Translate(Chat(extra), defaultMaxTokens: configuredDefault);

        Assert.Equal(expected, body.GetProperty("max_tokens").GetInt32());
    }

    [Theory]
    [InlineData(""","temperature":0.3""", 0.9, 0.3)]
    [InlineData("", 0.9, 0.9)]
    [InlineData(""","temperature":1.6""", null, 1.0)]
    public void CreateChatRequest_Temperature_RequestElseDefaultWithinAnthropicRange(string extra, double? configuredDefault, double expected)
    {
        var body = Translate(Chat(extra), defaultTemperature: configuredDefault);

        Assert.Equal(expected, body.GetProperty("temperature").GetDouble());
    }

    [Fact]
    public void CreateChatRequest_TopPWithoutTemperature_SendsTopPAndNoDefaultTemperature()
    {
        var body = Translate(Chat(""","top_p":0.8"""), defaultTemperature: 0.7);

        Assert.Equal(0.8, body.GetProperty("top_p").GetDouble());
        Assert.False(body.TryGetProperty("temperature", out _));
    }

    [Fact]
    public void CreateChatRequest_NoSamplingFields_SendsNeither()
    {
        var body = Translate(Chat());

        Assert.False(body.TryGetProperty("temperature", out _));
        Assert.False(body.TryGetProperty("top_p", out _));
        Assert.False(body.TryGetProperty("stream", out _));
        Assert.False(body.TryGetProperty("stop_sequences", out _));
        Assert.False(body.TryGetProperty("tools", out _));
        Assert.False(body.TryGetProperty("metadata", out _));
    }

    [Theory]
    [InlineData("\"END\"", new[] { "END" })]
    [InlineData("[\"END\",\"\\n\\nHuman:\"]", new[] { "END", "\n\nHuman:" })]
    public void CreateChatRequest_Stop_BecomesStopSequencesArray(string stop, string[] expected)
    {
        var body = Translate(Chat($$""","stop":{{stop}}"""));

        var sequences = body.GetProperty("stop_sequences");
        Assert.Equal(expected.Length, sequences.GetArrayLength());
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], sequences[i].GetString());
        }
    }

    [Fact]
    public void CreateChatRequest_StreamAndUser_SendStreamAndMetadataUserId()
    {
        var body = Translate(Chat(""","stream":true,"user":"user-42" """));

        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.Equal("user-42", body.GetProperty("metadata").GetProperty("user_id").GetString());
    }

    [Fact]
    public void CreateChatRequest_JsonObjectFormat_AppendsTheJsonInstructionToSystem()
    {
        var body = Translate("""
            {"model":"m","messages":[{"role":"system","content":"You classify tickets."},{"role":"user","content":"Printer on fire"}],
             "response_format":{"type":"json_object"}}
            """);

        Assert.Equal("You classify tickets.\n\n" + AnthropicSystemPrompt.JsonObjectInstruction, body.GetProperty("system").GetString());
    }

    [Fact]
    public void CreateChatRequest_JsonSchemaFormat_SystemCarriesTheSchema()
    {
        var body = Translate(Chat("""
            ,"response_format":{"type":"json_schema","json_schema":{"name":"ticket","schema":{"type":"object","properties":{"priority":{"type":"string"}}}}}
            """));

        var system = body.GetProperty("system").GetString()!;
        Assert.StartsWith(AnthropicSystemPrompt.JsonObjectInstruction, system, StringComparison.Ordinal);
        Assert.Contains(AnthropicSystemPrompt.JsonSchemaInstruction, system, StringComparison.Ordinal);
        Assert.Contains("""{"type":"object","properties":{"priority":{"type":"string"}}}""", system, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateChatRequest_Tools_BecomeNameDescriptionAndInputSchema()
    {
        var body = Translate(Chat("""
            ,"tools":[
              {"type":"function","function":{"name":"get_stock_price","description":"Get the current stock price.",
                "parameters":{"type":"object","properties":{"ticker":{"type":"string"}},"required":["ticker"]}}},
              {"type":"function","function":{"name":"now"}}
            ]
            """));

        var tools = body.GetProperty("tools");
        Assert.Equal(2, tools.GetArrayLength());
        var stock = tools[0];
        Assert.Equal("get_stock_price", stock.GetProperty("name").GetString());
        Assert.Equal("Get the current stock price.", stock.GetProperty("description").GetString());
        Assert.Equal("ticker", stock.GetProperty("input_schema").GetProperty("required")[0].GetString());
        Assert.False(stock.TryGetProperty("type", out _));
        Assert.False(stock.TryGetProperty("function", out _));
        Assert.Equal("""{"type":"object","properties":{}}""", tools[1].GetProperty("input_schema").GetRawText());
        Assert.False(tools[1].TryGetProperty("description", out _));
    }

    [Theory]
    [InlineData("\"auto\"", "", """{"type":"auto"}""")]
    [InlineData("\"required\"", "", """{"type":"any"}""")]
    [InlineData("\"none\"", "", """{"type":"none"}""")]
    [InlineData("""{"type":"function","function":{"name":"now"}}""", "", """{"type":"tool","name":"now"}""")]
    [InlineData("\"auto\"", ""","parallel_tool_calls":false""", """{"type":"auto","disable_parallel_tool_use":true}""")]
    [InlineData("\"required\"", ""","parallel_tool_calls":false""", """{"type":"any","disable_parallel_tool_use":true}""")]
    [InlineData("""{"type":"function","function":{"name":"now"}}""", ""","parallel_tool_calls":false""", """{"type":"tool","name":"now","disable_parallel_tool_use":true}""")]
    [InlineData("\"none\"", ""","parallel_tool_calls":false""", """{"type":"none"}""")]
    [InlineData("\"auto\"", ""","parallel_tool_calls":true""", """{"type":"auto"}""")]
    public void CreateChatRequest_ToolChoice_MapsToAnthropicForm(string choice, string extra, string expected)
    {
        var body = Translate(Chat($$$""","tools":[{"type":"function","function":{"name":"now"}}],"tool_choice":{{{choice}}}{{{extra}}}"""));

        Assert.Equal(expected, body.GetProperty("tool_choice").GetRawText());
    }

    [Fact]
    public void CreateChatRequest_ParallelToolCallsFalseWithoutChoice_SendsAutoThatDisablesParallelUse()
    {
        var body = Translate(Chat(""","tools":[{"type":"function","function":{"name":"now"}}],"parallel_tool_calls":false"""));

        Assert.Equal("""{"type":"auto","disable_parallel_tool_use":true}""", body.GetProperty("tool_choice").GetRawText());
    }

    [Fact]
    public void CreateChatRequest_ToolChoiceWithoutTools_SendsNoToolChoice()
    {
        var body = Translate(Chat(""","tool_choice":"auto" """));

        Assert.False(body.TryGetProperty("tool_choice", out _));
    }

    [Theory]
    [InlineData(""","n":2""", "n")]
    [InlineData(""","tools":[{"type":"custom","custom":{"name":"x"}}]""", "tools[0]")]
    [InlineData(""","tools":[{"type":"function","function":{"name":"x"}}],"tool_choice":"sometimes" """, "tool_choice")]
    [InlineData(""","response_format":{"type":"xml"}""", "response_format.type")]
    [InlineData(""","stop":42""", "stop")]
    public void CreateChatRequest_FieldAnthropicCannotExpress_ThrowsNamingTheField(string extra, string param)
    {
        using var request = Request(Chat(extra));

        var error = Assert.Throws<UnsupportedRequestException>(() => Protocol().CreateChatRequest(request, Candidate()));

        Assert.Equal(param, error.Param);
    }

    [Theory]
    [InlineData(""","tools":[{"type":7,"function":{"name":"x"}}]""")]
    [InlineData(""","response_format":{"type":false}""")]
    public void CreateChatRequest_FieldOfTheWrongJsonKind_ThrowsRequestException(string extra)
    {
        using var request = Request(Chat(extra));

        Assert.Throws<UnsupportedRequestException>(() => Protocol().CreateChatRequest(request, Candidate()));
    }

    [Fact]
    public void CreateReadinessProbe_AnyEndpoint_GetsModelsWithTheSameAuthHeaders()
    {
        var candidate = Candidate();

        using var probe = Protocol().CreateReadinessProbe(candidate.Backend, "http://127.0.0.1:9000", ApiKey);

        Assert.Equal(HttpMethod.Get, probe.Method);
        Assert.Equal("http://127.0.0.1:9000/v1/models", probe.RequestUri!.ToString());
        Assert.Equal([ApiKey], probe.Headers.GetValues("x-api-key"));
        Assert.Equal(["2023-06-01"], probe.Headers.GetValues("anthropic-version"));
        Assert.Null(probe.Content);
    }

    [Fact]
    public void Kinds_Always_IsAnthropicOnly()
    {
        Assert.Equal([Gateway.Configuration.BackendKind.Anthropic], Protocol().Kinds);
    }
}
