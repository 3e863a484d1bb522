using System.Text.Json;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Codex;

/// <summary>
/// What a backend's stand-in plays for a Codex turn, in its own protocol (Responses events for OpenAI, which gets Codex's request as
/// sent; the chat protocol the gateway translates into for the others). While <see cref="Command"/> is set, a request offering Codex's
/// <c>exec_command</c> tool is answered with a call running that command; the request that brings the call's output back gets
/// <see cref="FinalText"/>. Any other request gets <see cref="PlainText"/>.
/// </summary>
internal sealed class ShellTurn(UpstreamKind kind)
{
    public const string CallId = "call_CodexRunsTheShell";
    public const string ShellTool = "exec_command";

    public string? Command { get; set; }

    public string PlainText => $"Hello from the {kind} stand-in.";

    public string FinalText => $"The command ran over {kind}.";

    public StubResponse? Answer(RecordedRequest request)
    {
        if (kind == UpstreamKind.OpenAI)
        {
            return ResponsesRequest.Is(request) ? AnswerResponses(request) : null;
        }

        if (!ChatTurnRequest.IsChat(kind, request))
        {
            return null;
        }

        if (ChatTurnRequest.ToolResult(kind, request) is not null)
        {
            return ChatTurnAnswers.Text(kind, request, FinalText);
        }

        return Command is { } command && ChatTurnRequest.ToolNames(kind, request).Contains(ShellTool)
            ? ChatTurnAnswers.ToolCall(kind, request, CallId, ShellTool, Arguments(command))
            : ChatTurnAnswers.Text(kind, request, PlainText);
    }

    /// <summary>The tool's output the stand-in got back, whichever protocol carried it; null when the request brings none.</summary>
    public string? ToolResult(RecordedRequest request) =>
        kind == UpstreamKind.OpenAI ? ResponsesRequest.ToolResult(request, CallId) : ChatTurnRequest.ToolResult(kind, request);

    private StubResponse AnswerResponses(RecordedRequest request)
    {
        var model = request.JsonString("model") ?? "stub-model";
        if (ResponsesRequest.ToolResult(request, CallId) is not null)
        {
            return ResponsesEvents.Text(model, FinalText);
        }

        return Command is { } command && ResponsesRequest.FunctionNames(request).Contains(ShellTool)
            ? ResponsesEvents.FunctionCall(model, CallId, ShellTool, Arguments(command))
            : ResponsesEvents.Text(model, PlainText);
    }

    private static string Arguments(string command) => JsonSerializer.Serialize(new { cmd = command });
}
