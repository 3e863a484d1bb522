using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace Gateway.Tests.Parity;

/// <summary>
/// Runs one request through the official OpenAI .NET SDK against the gateway, streamed or not, and reduces what the application got
/// to a <see cref="ClientView"/>. The SDK's own retries are off, so each request is exactly one call to the gateway.
/// </summary>
internal static class ParityClient
{
    public static ChatClient For(string gatewayUrl, string model = "generator") =>
        new OpenAIClient(
            new ApiKeyCredential("client-key-not-forwarded"),
            new OpenAIClientOptions
            {
                Endpoint = new Uri(gatewayUrl + "/v1"),
                NetworkTimeout = TimeSpan.FromSeconds(30),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            }).GetChatClient(model);

    public static async Task<ClientView> RunAsync(ChatClient client, ParityScenario scenario, bool stream)
    {
        var (messages, options) = ParityRequests.For(scenario);
        try
        {
            return stream ? await StreamAsync(client, messages, options) : await CompleteAsync(client, messages, options);
        }
        catch (ClientResultException e)
        {
            var raw = e.GetRawResponse();
            return new ClientView
            {
                ErrorStatus = e.Status,
                ErrorMessage = e.Message,
                ErrorCode = raw is null ? null : ErrorCodeOf(raw.Content.ToString()),
                ServedBy = raw is not null && raw.Headers.TryGetValue("x-gateway-backend", out var backend) ? backend : null,
            };
        }
    }

    private static async Task<ClientView> CompleteAsync(ChatClient client, List<ChatMessage> messages, ChatCompletionOptions options)
    {
        var result = await client.CompleteChatAsync(messages, options);
        var completion = result.Value;
        result.GetRawResponse().Headers.TryGetValue("x-gateway-backend", out var backend);
        return new ClientView
        {
            Text = string.Concat(completion.Content.Select(part => part.Text)),
            ToolCalls = [.. completion.ToolCalls.Select(call => new SeenToolCall(call.Id, call.FunctionName, call.FunctionArguments.ToString()))],
            FinishReason = completion.FinishReason,
            Usage = completion.Usage,
            CompletionIds = [completion.Id],
            ServedBy = backend,
        };
    }

    private static async Task<ClientView> StreamAsync(ChatClient client, List<ChatMessage> messages, ChatCompletionOptions options)
    {
        var text = new StringBuilder();
        var calls = new SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)>();
        var ids = new List<string>();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        var updates = client.CompleteChatStreamingAsync(messages, options);
        await foreach (var update in updates)
        {
            ids.Add(update.CompletionId);
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            foreach (var fragment in update.ToolCallUpdates)
            {
                var call = calls.TryGetValue(fragment.Index, out var known) ? known : (null, null, new StringBuilder());
                call.Id ??= fragment.ToolCallId;
                call.Name ??= fragment.FunctionName;
                if (fragment.FunctionArgumentsUpdate is { } arguments)
                {
                    call.Arguments.Append(arguments.ToString());
                }

                calls[fragment.Index] = call;
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        return new ClientView
        {
            Text = text.ToString(),
            ToolCalls = [.. calls.Values.Select(call => new SeenToolCall(call.Id ?? "", call.Name ?? "", call.Arguments.ToString()))],
            FinishReason = finish,
            Usage = usage,
            CompletionIds = ids,
        };
    }

    private static string? ErrorCodeOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
