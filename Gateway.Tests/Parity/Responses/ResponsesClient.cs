#pragma warning disable OPENAI001 // the Responses client is marked experimental
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using OpenAI.Responses;

namespace Gateway.Tests.Parity.Responses;

/// <summary>
/// Runs one request through the official OpenAI .NET SDK's Responses client (no retries) against the gateway and reduces what the
/// application got to a <see cref="ResponsesView"/>. A stream is folded as the SDK's consumers fold it, checking that every event
/// names the item it belongs to, and that the folded items are the terminal event's.
/// </summary>
internal static class ResponsesClient
{
    public static OpenAI.Responses.ResponsesClient For(string gatewayUrl) => new(
        new ApiKeyCredential("client-key-not-forwarded"),
        new ResponsesClientOptions { Endpoint = new Uri(gatewayUrl + "/v1"), NetworkTimeout = TimeSpan.FromSeconds(30), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) });

    public static async Task<ResponsesView> RunAsync(string gatewayUrl, CreateResponseOptions request, bool stream)
    {
        var client = For(gatewayUrl);
        try
        {
            if (!stream)
            {
                var result = await client.CreateResponseAsync(request);
                return Of(result.Value) with { Headers = result.GetRawResponse().Headers };
            }

            request.StreamingEnabled = true;
            return await FoldAsync(await client.CreateResponseStreamingAsync(request));
        }
        catch (ClientResultException e)
        {
            return new ResponsesView { ErrorStatus = e.Status, Error = ErrorOf(e), Headers = e.GetRawResponse()?.Headers };
        }
    }

    /// <summary>The error object of the exception's body; null fields where the body is not OpenAI's shape.</summary>
    public static SeenError ErrorOf(ClientResultException e)
    {
        try
        {
            using var body = JsonDocument.Parse(e.GetRawResponse()?.Content.ToString() ?? "");
            var error = body.RootElement.GetProperty("error");
            return new SeenError(Text(error, "type"), Text(error, "code"), Text(error, "param"), Text(error, "message") ?? "");
        }
        catch (Exception parse) when (parse is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new SeenError(null, null, null, e.Message);
        }
    }

    public static ResponsesView Of(ResponseResult response) => new()
    {
        Items = [.. response.OutputItems.Select(Seen)],
        Id = response.Id,
        Status = Words(response.Status?.ToString()),
        IncompleteReason = response.IncompleteStatusDetails?.Reason?.ToString(),
        Usage = response.Usage is { } usage ? (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount) : null,
    };

    private static SeenItem Seen(ResponseItem item) => item switch
    {
        MessageResponseItem message => new("message", string.Concat(message.Content.Select(part => part.Text)), Status: Words(message.Status?.ToString())),
        FunctionCallResponseItem call => new("function_call", JsonCompact(call.FunctionArguments.ToString()), call.CallId, call.FunctionName, Words(call.Status?.ToString())),
        ReasoningResponseItem reasoning => new("reasoning", reasoning.GetSummaryText()),
        _ => new(item.Kind.ToString(), ""),
    };

    private static async Task<ResponsesView> FoldAsync(AsyncStreamingResult<StreamingResponseUpdate> updates)
    {
        var folded = new List<(string Kind, string? Id, StringBuilder Content, bool Done)>();
        var sequence = new List<int>();
        ResponsesView? final = null;
        SeenError? error = null;
        var (id, terminals, headers) = ((string?)null, 0, updates.Headers);
        await foreach (var update in updates)
        {
            sequence.Add(update.SequenceNumber);
            switch (update)
            {
                case StreamingResponseCreatedUpdate created:
                    id = created.Response.Id;
                    break;
                case StreamingResponseOutputItemAddedUpdate added:
                    Assert.Equal(folded.Count, added.OutputIndex);
                    folded.Add((Seen(added.Item).Kind, added.Item.Id, new StringBuilder(), false));
                    break;
                case StreamingResponseContentPartAddedUpdate part:
                    Open(folded, part.OutputIndex, part.ItemId);
                    Assert.Equal(0, part.ContentIndex);
                    break;
                case StreamingResponseOutputTextDeltaUpdate text:
                    Open(folded, text.OutputIndex, text.ItemId).Append(text.Delta);
                    Assert.Equal(0, text.ContentIndex);
                    break;
                case StreamingResponseFunctionCallArgumentsDeltaUpdate arguments:
                    Open(folded, arguments.OutputIndex, arguments.ItemId).Append(arguments.Delta.ToString());
                    break;
                case StreamingResponseReasoningSummaryTextDeltaUpdate summary:
                    Open(folded, summary.OutputIndex, summary.ItemId).Append(summary.Delta);
                    break;
                case StreamingResponseOutputItemDoneUpdate done:
                    var content = Open(folded, done.OutputIndex, done.Item.Id).ToString();
                    var item = Seen(done.Item);
                    Assert.Equal(item.Content, item.Kind == "function_call" ? JsonCompact(content) : content); // the deltas spell the finished item
                    folded[done.OutputIndex] = folded[done.OutputIndex] with { Done = true };
                    break;
                case StreamingResponseCompletedUpdate completed:
                    (final, terminals) = (Of(completed.Response), terminals + 1);
                    break;
                case StreamingResponseIncompleteUpdate incomplete:
                    (final, terminals) = (Of(incomplete.Response), terminals + 1);
                    break;
                case StreamingResponseFailedUpdate failed:
                    (final, terminals) = (Of(failed.Response), terminals + 1);
                    break;
                case StreamingResponseErrorUpdate failure:
                    error = new SeenError(null, failure.Code, failure.Param, failure.Message);
                    break;
            }
        }

        var view = (final ?? new ResponsesView { Id = id, Items = [.. folded.Select(f => new SeenItem(f.Kind, f.Content.ToString()))] }) with
        {
            Sequence = sequence, Terminals = terminals, StreamError = error, Headers = headers,
        };
        if (final is not null)
        {
            Assert.Equal(id, final.Id);
            Assert.All(folded, f => Assert.True(f.Done, $"item {f.Id} was never done"));
            Assert.Equal(final.Items.Select(i => (i.Kind, i.Content)), folded.Select(f => (f.Kind, f.Kind == "function_call" ? JsonCompact(f.Content.ToString()) : f.Content.ToString())));
        }

        return view;
    }

    /// <summary>The content of the item at <paramref name="index"/>, asserting the event names that item and that it is still open.</summary>
    private static StringBuilder Open(List<(string Kind, string? Id, StringBuilder Content, bool Done)> folded, int index, string? itemId)
    {
        Assert.InRange(index, 0, folded.Count - 1);
        var (_, id, content, done) = folded[index];
        Assert.Equal(id, itemId);
        Assert.False(done, $"an event for item {id} after its output_item.done");
        return content;
    }

    private static string JsonCompact(string json) => json.Length == 0 ? json : System.Text.Json.Nodes.JsonNode.Parse(json)?.ToJsonString() ?? json;

    /// <summary>An SDK enum's name in the API's words: <c>Completed</c> → <c>completed</c>, <c>InProgress</c> → <c>in_progress</c>.</summary>
    private static string? Words(string? name) => name is null ? null : JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
