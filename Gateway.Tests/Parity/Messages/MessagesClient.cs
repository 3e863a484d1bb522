using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Gateway.Tests.Parity.Messages;

/// <summary>One content block as the application ends up with it; a tool call's <see cref="Content"/> is its input as JSON.</summary>
internal sealed record SeenBlock(string Kind, string Content, string? Id = null, string? Name = null);

/// <summary>What an application using the Anthropic SDK ends up with, streamed or not, or the error the SDK raised.</summary>
internal sealed record MessagesView
{
    public IReadOnlyList<SeenBlock> Blocks { get; init; } = [];

    public string? StopReason { get; init; }

    public string? StopSequence { get; init; }

    /// <summary>The input tokens the client settles on: <c>message_delta</c>'s when a stream reports them, else the message's.</summary>
    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    /// <summary><c>cache_read_input_tokens</c>, when the answer reported it.</summary>
    public long? CacheReadInputTokens { get; init; }

    public string? Id { get; init; }

    /// <summary>A stream's <c>message_stop</c> arrived (always true for a whole answer).</summary>
    public bool Stopped { get; init; }

    public int? ErrorStatus { get; init; }

    /// <summary>Anthropic's <c>error.type</c> as the SDK read it.</summary>
    public string? ErrorType { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>The gateway's response headers.</summary>
    public HttpResponseHeaders? Headers { get; init; }
}

/// <summary>
/// Runs one request through the official Anthropic .NET SDK (response validation on, no retries) against the gateway and reduces
/// what the application got to a <see cref="MessagesView"/>.
/// </summary>
internal static class MessagesClient
{
    public static async Task<MessagesView> RunAsync(string gatewayUrl, MessageCreateParams request, bool stream)
    {
        var headers = new HeaderRecorder();
        using var client = new AnthropicClient(new global::Anthropic.Core.ClientOptions
        {
            BaseUrl = gatewayUrl,
            ApiKey = "client-key-not-forwarded",
            ResponseValidation = true,
            MaxRetries = 0,
            Timeout = TimeSpan.FromSeconds(30),
            Handlers = [headers],
        });
        try
        {
            var view = stream ? await StreamAsync(client.Messages.CreateStreaming(request)) : Whole(await client.Messages.Create(request));
            return view with { Headers = headers.Last };
        }
        catch (AnthropicServiceException e)
        {
            return new MessagesView
            {
                ErrorStatus = e is AnthropicApiException api ? (int)api.StatusCode : null,
                ErrorType = e.Type?.Raw(),
                ErrorMessage = e.ApiMessage ?? e.Message,
                Headers = headers.Last,
            };
        }
    }

    private static MessagesView Whole(Message message)
    {
        var blocks = new List<SeenBlock>();
        foreach (var block in message.Content)
        {
            if (block.TryPickThinking(out var thinking))
            {
                blocks.Add(new SeenBlock("thinking", thinking!.Thinking));
            }
            else if (block.TryPickText(out var text))
            {
                blocks.Add(new SeenBlock("text", text!.Text));
            }
            else if (block.TryPickToolUse(out var tool))
            {
                blocks.Add(new SeenBlock("tool_use", JsonSerializer.Serialize(tool!.Input), tool.ID, tool.Name));
            }
            else
            {
                blocks.Add(new SeenBlock(block.Type.Raw(), block.Json.GetRawText()));
            }
        }

        return new MessagesView
        {
            Blocks = blocks,
            StopReason = message.StopReason?.Raw(),
            StopSequence = message.StopSequence,
            InputTokens = message.Usage.InputTokens,
            OutputTokens = message.Usage.OutputTokens,
            CacheReadInputTokens = message.Usage.CacheReadInputTokens,
            Id = message.ID,
            Stopped = true,
        };
    }

    /// <summary>Folds the events as the SDK's accumulators do, checking each names the block that is open.</summary>
    private static async Task<MessagesView> StreamAsync(IAsyncEnumerable<RawMessageStreamEvent> events)
    {
        var kinds = new List<(string Kind, string? Id, string? Name)>();
        var contents = new List<StringBuilder>();
        var open = -1;
        var view = new MessagesView();
        await foreach (var e in events)
        {
            e.Validate();
            if (e.TryPickStart(out var start))
            {
                var usage = start!.Message.Usage;
                view = view with { Id = start.Message.ID, InputTokens = usage.InputTokens, CacheReadInputTokens = usage.CacheReadInputTokens };
            }
            else if (e.TryPickContentBlockStart(out var blockStart))
            {
                Assert.Equal(-1, open);
                Assert.Equal(kinds.Count, blockStart!.Index);
                open = (int)blockStart.Index;
                var block = blockStart.ContentBlock;
                kinds.Add((block.Type.Raw(), block.ID, block.TryPickToolUse(out var tool) ? tool!.Name : null));
                contents.Add(new StringBuilder());
            }
            else if (e.TryPickContentBlockDelta(out var delta))
            {
                Assert.Equal(open, delta!.Index);
                var text = contents[open];
                if (delta.Delta.TryPickText(out var t)) { text.Append(t!.Text); }
                else if (delta.Delta.TryPickThinking(out var th)) { text.Append(th!.Thinking); }
                else if (delta.Delta.TryPickInputJson(out var j)) { text.Append(j!.PartialJson); }
            }
            else if (e.TryPickContentBlockStop(out var stop))
            {
                Assert.Equal(open, stop!.Index);
                open = -1;
            }
            else if (e.TryPickDelta(out var messageDelta))
            {
                view = view with
                {
                    StopReason = messageDelta!.Delta.StopReason?.Raw(),
                    StopSequence = messageDelta.Delta.StopSequence,
                    OutputTokens = messageDelta.Usage.OutputTokens,
                    InputTokens = messageDelta.Usage.InputTokens ?? view.InputTokens,
                    CacheReadInputTokens = messageDelta.Usage.CacheReadInputTokens ?? view.CacheReadInputTokens,
                };
            }
            else if (e.TryPickStop(out _))
            {
                Assert.Equal(-1, open);
                view = view with { Stopped = true };
            }
        }

        return view with { Blocks = [.. kinds.Select((k, i) => new SeenBlock(k.Kind, contents[i].ToString(), k.Id, k.Name))] };
    }

    /// <summary>Keeps the headers of the last response the SDK received.</summary>
    private sealed class HeaderRecorder : DelegatingHandler
    {
        public HttpResponseHeaders? Last { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            Last = response.Headers;
            return response;
        }
    }
}
