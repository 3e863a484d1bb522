using System.Text.Json;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.ClaudeCode;

/// <summary>
/// What a backend's stand-in plays for one Claude Code turn of tool use, in its own protocol: while <see cref="FilePath"/> is set, a
/// chat request that offers Claude Code's <c>Read</c> tool is answered with a call reading that file; the request that brings the
/// call's result back gets <see cref="FinalText"/>; any other chat request (Claude Code's background work: titles, summaries) gets
/// <see cref="BackgroundText"/>. Requests to other routes get the stand-in's default answers.
/// </summary>
internal sealed class ReadFileTurn(UpstreamKind kind)
{
    public const string CallId = "toolu_01ReadTheNotesFile";
    public const string BackgroundText = "Reading a notes file";

    public string? FilePath { get; set; }

    public string FinalText => $"The notes file was read over {kind}.";

    public StubResponse? Answer(RecordedRequest request)
    {
        if (!ChatTurnRequest.IsChat(kind, request))
        {
            return null;
        }

        if (ChatTurnRequest.ToolResult(kind, request) is not null)
        {
            return ChatTurnAnswers.Text(kind, request, FinalText);
        }

        return FilePath is { } path && ChatTurnRequest.ToolNames(kind, request).Contains("Read")
            ? ChatTurnAnswers.ToolCall(kind, request, CallId, "Read", JsonSerializer.Serialize(new { file_path = path }))
            : ChatTurnAnswers.Text(kind, request, BackgroundText);
    }
}
