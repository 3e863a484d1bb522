namespace Gateway.Tests.Parity.Messages;

/// <summary>What an Anthropic Messages client asks for in one cell of the <c>/v1/messages</c> parity matrix.</summary>
public enum MessagesScenario
{
    /// <summary>A system prompt as a string and one user question; the answer is text.</summary>
    PlainText,

    /// <summary>The system prompt as two text blocks, which keep their order.</summary>
    SystemBlocks,

    /// <summary>User, assistant, user: the earlier turns reach the upstream in order.</summary>
    MultiTurn,

    /// <summary>One custom tool offered with <c>tool_choice: auto</c>; the answer is one <c>tool_use</c> block.</summary>
    OneTool,

    /// <summary>The answer is text and two <c>tool_use</c> blocks in one turn.</summary>
    ParallelTools,

    /// <summary><c>tool_choice</c> naming the tool, with <c>disable_parallel_tool_use</c>; the answer is that one call.</summary>
    ForcedTool,

    /// <summary>
    /// The assistant's text and three calls, then one user turn holding their results (a string, text blocks, an error) and a
    /// question after them; the answer is text.
    /// </summary>
    ToolResults,

    /// <summary>A text block and a base64 PNG image block.</summary>
    ImageBase64,

    /// <summary>A text block and an image by URL (a 400 naming the image where the backend cannot fetch it).</summary>
    ImageUrl,

    /// <summary><c>stop_sequences</c>; the answer stops on one.</summary>
    StopSequence,

    /// <summary>A small <c>max_tokens</c>; the answer stops with <c>max_tokens</c>.</summary>
    MaxTokens,

    /// <summary><c>thinking</c> enabled on a backend that reasons; the reasoning comes back as thinking.</summary>
    Thinking,

    /// <summary>The upstream refuses the request with a 4xx in its own error shape.</summary>
    UpstreamRefusal,
}
