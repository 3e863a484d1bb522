namespace Gateway.Tests.Parity.Responses;

/// <summary>What a Responses API client asks for in one cell of the <c>/v1/responses</c> parity matrix.</summary>
public enum ResponsesScenario
{
    /// <summary>A string <c>input</c>; the answer is text.</summary>
    Text,

    /// <summary><c>instructions</c> and a string input: the instructions reach the upstream as its system prompt.</summary>
    Instructions,

    /// <summary>
    /// A first turn with instructions, then a second that names it by <c>previous_response_id</c>: the upstream receives the whole
    /// conversation (the earlier question and answer, then the follow-up) and not the earlier instructions.
    /// </summary>
    MultiTurn,

    /// <summary>One function tool offered; the answer is one <c>function_call</c> item.</summary>
    FunctionCall,

    /// <summary>The call of <see cref="FunctionCall"/>, then its <c>function_call_output</c> by <c>previous_response_id</c>; the answer is text.</summary>
    FunctionOutput,

    /// <summary>
    /// The client sends the whole history itself, as a <c>store: false</c> client does: the question, the call and its output; the
    /// answer is text.
    /// </summary>
    FunctionOutputReplayed,

    /// <summary>The answer is two <c>function_call</c> items in one turn.</summary>
    ParallelCalls,

    /// <summary>A message with an <c>input_text</c> and a base64 PNG <c>input_image</c>.</summary>
    Image,

    /// <summary><c>text.format</c> of type <c>json_schema</c>; the answer is JSON text.</summary>
    JsonSchema,

    /// <summary>A small <c>max_output_tokens</c>; the answer is <c>incomplete</c> with reason <c>max_output_tokens</c>.</summary>
    MaxOutputTokens,

    /// <summary><c>reasoning</c> asked for, on a backend that returns it: a <c>reasoning</c> item with a summary, then the message.</summary>
    Reasoning,

    /// <summary>The upstream refuses with a 4xx in its own shape; the SDK raises it in OpenAI's error shape.</summary>
    UpstreamRefusal,
}
