using OpenAI.Chat;

namespace Gateway.Tests.Parity;

/// <summary>
/// The requests every backend gets in the matrix, built with the official OpenAI SDK's types exactly as an application would. The
/// tool and the tool-call round trip are the reference's §1.7 example (<c>get_current_weather</c>, Boston).
/// </summary>
internal static class ParityRequests
{
    public const string SystemPrompt = "You are a helpful assistant.";
    public const string Question = "Hello!";
    public const string WeatherQuestion = "What is the weather like in Boston today?";
    public const string ToolName = "get_current_weather";
    public const string ToolDescription = "Get the current weather in a given location";
    public const string CallId = "call_abc123";
    public const string CallArguments = """{"location":"Boston, MA"}""";
    public const string ToolResult = """{"temperature":22,"unit":"celsius"}""";
    public const string ImageQuestion = "What is in this image?";
    public const string StopSequence = "\n\n";

    /// <summary>A 1×1 PNG, base64.</summary>
    public const string PngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    public const string ToolParameters = """{"type":"object","properties":{"location":{"type":"string","description":"The city and state, e.g. San Francisco, CA"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["location"]}""";

    public static (List<ChatMessage> Messages, ChatCompletionOptions Options) For(ParityScenario scenario)
    {
        var options = new ChatCompletionOptions();
        List<ChatMessage> messages;
        switch (scenario)
        {
            case ParityScenario.ToolCall:
                messages = [new UserChatMessage(WeatherQuestion)];
                AddTool(options);
                break;
            case ParityScenario.ToolResultRoundTrip:
                messages =
                [
                    new UserChatMessage(WeatherQuestion),
                    new AssistantChatMessage([ChatToolCall.CreateFunctionToolCall(CallId, ToolName, BinaryData.FromString(CallArguments))]),
                    new ToolChatMessage(CallId, ToolResult),
                ];
                AddTool(options);
                break;
            case ParityScenario.ImageInput:
                messages =
                [
                    new UserChatMessage(
                        ChatMessageContentPart.CreateTextPart(ImageQuestion),
                        ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(Convert.FromBase64String(PngBase64)), "image/png")),
                ];
                break;
            case ParityScenario.JsonMode:
                messages = [new SystemChatMessage("Answer in JSON."), new UserChatMessage(Question)];
                options.ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat();
                break;
            case ParityScenario.LengthFinish:
                messages = [new UserChatMessage(Question)];
                options.MaxOutputTokenCount = 1;
                options.StopSequences.Add(StopSequence);
                break;
            default:
                messages = [new SystemChatMessage(SystemPrompt), new UserChatMessage(Question)];
                break;
        }

        return (messages, options);
    }

    private static void AddTool(ChatCompletionOptions options)
    {
        options.Tools.Add(ChatTool.CreateFunctionTool(ToolName, ToolDescription, BinaryData.FromString(ToolParameters)));
        options.ToolChoice = ChatToolChoice.CreateAutoChoice();
    }
}
