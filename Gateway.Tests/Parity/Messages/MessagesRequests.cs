using System.Text.Json;
using Anthropic.Models.Messages;

namespace Gateway.Tests.Parity.Messages;

/// <summary>
/// The requests every backend gets in the <c>/v1/messages</c> matrix, built with the official Anthropic SDK's types as an application
/// would. The weather tool and its three calls are the ones every answer of <see cref="MessagesReplies"/> speaks of.
/// </summary>
internal static class MessagesRequests
{
    public const string SystemPrompt = "You are a helpful assistant.";
    public const string SecondSystemBlock = "Answer in one sentence.";
    public const string Question = "Hello!";
    public const string EarlierAnswer = "Hi! What can I do for you?";
    public const string FollowUp = "What is 2 + 2?";
    public const string WeatherQuestion = "What is the weather in Paris, Rome and Oslo?";
    public const string ToolName = "get_weather";
    public const string ToolDescription = "Get the current weather in a given city";
    public const string ToolSchema = """{"type":"object","properties":{"city":{"type":"string","description":"The city, e.g. Paris"}},"required":["city"]}""";
    public const string CallsPreamble = "Checking the three cities.";
    public const string ParisResult = "18 degrees, sunny";
    public const string RomeResultFirst = "21 degrees";
    public const string RomeResultSecond = ", clear";
    public const string OsloError = "city service unavailable";
    public const string AfterResults = "Summarise it, please.";
    public const string ImageQuestion = "What is in this image?";
    public const string ImageUrl = "https://upload.example.com/pixel.png";
    public const string StopSequence = "END";
    public const int MaxTokens = 1024;
    public const int SmallMaxTokens = 5;
    public const int ThinkingBudget = 1024;

    /// <summary>The three calls of <see cref="MessagesScenario.ToolResults"/>: Anthropic-style ids the results answer.</summary>
    public static IReadOnlyList<(string Id, string City)> EarlierCalls { get; } =
        [("toolu_01A09q90qw90lq917835lq9", "Paris"), ("toolu_01B19r91rx91mr918936mr0", "Rome"), ("toolu_01C29s92sy92ns919037ns1", "Oslo")];

    /// <summary>A 1×1 PNG, base64 (the chat matrix's).</summary>
    public static string PngBase64 => ParityRequests.PngBase64;

    public static MessageCreateParams For(MessagesScenario scenario) => scenario switch
    {
        MessagesScenario.SystemBlocks => Ask(User(Question)) with
        {
            System = new List<TextBlockParam> { new(SystemPrompt), new(SecondSystemBlock) },
        },
        MessagesScenario.MultiTurn => Ask(User(Question), Assistant(EarlierAnswer), User(FollowUp)) with { System = SystemPrompt },
        MessagesScenario.OneTool or MessagesScenario.ParallelTools => WithTool(Ask(User(WeatherQuestion))),
        MessagesScenario.ForcedTool => WithTool(Ask(User(WeatherQuestion))) with
        {
            ToolChoice = new ToolChoiceTool(ToolName) { DisableParallelToolUse = true },
        },
        MessagesScenario.ToolResults => WithTool(Ask(User(WeatherQuestion), EarlierCallsTurn(), ResultsTurn())),
        MessagesScenario.ImageBase64 => Ask(User(
            new TextBlockParam(ImageQuestion),
            new ImageBlockParam(new Base64ImageSource { Data = PngBase64, MediaType = MediaType.ImagePng }))),
        MessagesScenario.ImageUrl => Ask(User(new TextBlockParam(ImageQuestion), new ImageBlockParam(new UrlImageSource(ImageUrl)))),
        MessagesScenario.StopSequence => Ask(User("Count to three, then say END.")) with { StopSequences = [StopSequence] },
        MessagesScenario.MaxTokens => Ask(User("Tell me a story.")) with { MaxTokens = SmallMaxTokens },
        MessagesScenario.Thinking => Ask(User(Question)) with { MaxTokens = ThinkingBudget * 2, Thinking = new ThinkingConfigEnabled(ThinkingBudget) },
        _ => Ask(User(Question)) with { System = SystemPrompt },
    };

    /// <summary>The <c>max_tokens</c> the client asked for in <paramref name="scenario"/>.</summary>
    public static int MaxTokensOf(MessagesScenario scenario) => (int)For(scenario).MaxTokens;

    private static MessageCreateParams Ask(params MessageParam[] messages) => new()
    {
        Model = "generator",
        MaxTokens = MaxTokens,
        Messages = messages,
    };

    private static MessageCreateParams WithTool(MessageCreateParams request) => request with
    {
        Tools =
        [
            new Tool
            {
                Name = ToolName,
                Description = ToolDescription,
                InputSchema = new InputSchema(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(ToolSchema)!),
            },
        ],
        ToolChoice = new ToolChoiceAuto(),
    };

    private static MessageParam User(string text) => new UserMessageParam { Content = text };

    private static MessageParam User(params ContentBlockParam[] blocks) => new UserMessageParam { Content = new List<ContentBlockParam>(blocks) };

    private static MessageParam Assistant(string text) => new AssistantMessageParam { Content = text };

    private static MessageParam EarlierCallsTurn()
    {
        var blocks = new List<ContentBlockParam> { new TextBlockParam(CallsPreamble) };
        foreach (var (id, city) in EarlierCalls)
        {
            blocks.Add(new ToolUseBlockParam { ID = id, Name = ToolName, Input = new Dictionary<string, JsonElement> { ["city"] = JsonSerializer.SerializeToElement(city) } });
        }

        return new AssistantMessageParam { Content = blocks };
    }

    /// <summary>All results of the turn together, before the user's text: a string, a list of text blocks, and an error.</summary>
    private static MessageParam ResultsTurn() => User(
        new ToolResultBlockParam(EarlierCalls[0].Id) { Content = ParisResult },
        new ToolResultBlockParam(EarlierCalls[1].Id) { Content = new List<Block> { new TextBlockParam(RomeResultFirst), new TextBlockParam(RomeResultSecond) } },
        new ToolResultBlockParam(EarlierCalls[2].Id) { Content = OsloError, IsError = true },
        new TextBlockParam(AfterResults));
}
