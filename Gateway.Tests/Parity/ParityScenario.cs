namespace Gateway.Tests.Parity;

/// <summary>What the client asks for in one cell of the parity matrix.</summary>
public enum ParityScenario
{
    /// <summary>A system prompt and a user question; the answer is text.</summary>
    PlainText,

    /// <summary>A function tool offered with <c>tool_choice: auto</c>; the answer is a tool call.</summary>
    ToolCall,

    /// <summary>The conversation continues with the assistant's tool call and the tool's result; the answer is text.</summary>
    ToolResultRoundTrip,

    /// <summary>A user message with a text part and a base64 PNG image part.</summary>
    ImageInput,

    /// <summary><c>response_format: json_object</c>; the answer is a JSON object.</summary>
    JsonMode,

    /// <summary>A one-token limit and a stop sequence; the answer stops with <c>finish_reason: length</c>.</summary>
    LengthFinish,

    /// <summary>The upstream rejects the request with its own error body.</summary>
    UpstreamError,
}
