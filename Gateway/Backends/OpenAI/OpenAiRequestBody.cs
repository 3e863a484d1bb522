using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Gateway.Backends.OpenAI;

/// <summary>
/// Rewrites a client's OpenAI request for an OpenAI-style upstream: every root property is copied as sent (so fields the gateway does not
/// model pass through untouched); only <c>model</c> is replaced (or removed, for Azure's deployment URLs), the token limit is put under the
/// name the upstream reads, usage is asked for in streams, and configured defaults are added where the client gave none.
/// </summary>
internal static class OpenAiRequestBody
{
    public const string MaxTokens = "max_tokens";
    public const string MaxCompletionTokens = "max_completion_tokens";
    private const string StreamOptions = "stream_options";
    private const string IncludeUsage = "include_usage";

    /// <summary>The chat body.</summary>
    /// <param name="model">The concrete model (also decides whether defaults suit it).</param>
    public static ReadOnlyMemory<byte> Chat(ChatRequest request, string model, OpenAiBodyRules rules)
    {
        var reasoning = IsReasoningModel(model);
        var limitField = reasoning ? MaxCompletionTokens : rules.MaxTokensField;
        var addTemperature = request.DefaultTemperature is not null && !reasoning && !request.TryGet("temperature", out _);
        var clientLimit = ClientLimit(request, out var clientField);
        var otherField = limitField == MaxTokens ? MaxCompletionTokens : MaxTokens;
        var moveLimit = clientLimit is not null && (reasoning || rules.RenameClientLimit) && (clientField != limitField || request.TryGet(otherField, out _));
        var addLimit = clientLimit is null && request.DefaultMaxTokens is not null;
        var askUsage = rules.StreamUsage && request.Stream && !request.IncludeUsage;

        // Sized from the client's body: the copy is about as long (a fixed 4 KB cost 3.5 KB extra per small request; bench/RESULTS.md).
        var buffer = new ArrayBufferWriter<byte>(JsonMarshal.GetRawUtf8Value(request.Root).Length + model.Length + 64);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            var modelWritten = false;
            var usageWritten = false;
            foreach (var property in request.Root.EnumerateObject())
            {
                if (property.NameEquals("model"))
                {
                    if (rules.IncludeModel && !modelWritten)
                    {
                        json.WriteString("model", model);
                    }

                    modelWritten = true;
                }
                else if ((addTemperature && property.NameEquals("temperature"))
                    || ((moveLimit || addLimit) && (property.NameEquals(MaxTokens) || property.NameEquals(MaxCompletionTokens))))
                {
                    // Written below: the default temperature, or the limit under the name the upstream reads (explicit nulls dropped).
                }
                else if (askUsage && property.NameEquals(StreamOptions))
                {
                    WriteStreamOptionsWithUsage(json, property.Value);
                    usageWritten = true;
                }
                else
                {
                    property.WriteTo(json);
                }
            }

            if (rules.IncludeModel && !modelWritten)
            {
                json.WriteString("model", model);
            }

            if (addTemperature)
            {
                json.WriteNumber("temperature", request.DefaultTemperature!.Value);
            }

            if (moveLimit || addLimit)
            {
                json.WriteNumber(limitField, clientLimit ?? request.DefaultMaxTokens!.Value);
            }

            if (askUsage && !usageWritten)
            {
                WriteStreamOptionsWithUsage(json, default);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>The embeddings body: the client's, with <c>model</c> replaced or removed.</summary>
    public static ReadOnlyMemory<byte> Embeddings(EmbeddingsRequest request, string model, bool includeModel)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            var sawModel = false;
            foreach (var property in request.Root.EnumerateObject())
            {
                if (!property.NameEquals("model"))
                {
                    property.WriteTo(json);
                    continue;
                }

                if (includeModel && !sawModel)
                {
                    json.WriteString("model", model);
                }

                sawModel = true;
            }

            if (includeModel && !sawModel)
            {
                json.WriteString("model", model);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>
    /// Reasoning models (o1, o3, o4, gpt-5 families) reject <c>temperature</c> and <c>max_tokens</c>, so defaults must not add them.
    /// </summary>
    public static bool IsReasoningModel(string model) =>
        model.StartsWith("o1", StringComparison.OrdinalIgnoreCase)
        || model.StartsWith("o3", StringComparison.OrdinalIgnoreCase)
        || model.StartsWith("o4", StringComparison.OrdinalIgnoreCase)
        || model.StartsWith("gpt-5", StringComparison.OrdinalIgnoreCase);

    /// <summary>The client's token limit (<c>max_completion_tokens</c> first, as <see cref="ChatRequest.MaxTokens"/> reads it) and its field.</summary>
    private static int? ClientLimit(ChatRequest request, out string? field)
    {
        foreach (var name in (ReadOnlySpan<string>)[MaxCompletionTokens, MaxTokens])
        {
            if (request.TryGet(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var limit))
            {
                field = name;
                return limit;
            }
        }

        field = null;
        return null;
    }

    /// <summary>The client's <c>stream_options</c> (other members kept, e.g. <c>include_obfuscation</c>) with <c>include_usage: true</c>.</summary>
    private static void WriteStreamOptionsWithUsage(Utf8JsonWriter json, JsonElement clientOptions)
    {
        json.WriteStartObject(StreamOptions);
        if (clientOptions.ValueKind == JsonValueKind.Object)
        {
            foreach (var option in clientOptions.EnumerateObject())
            {
                if (!option.NameEquals(IncludeUsage))
                {
                    option.WriteTo(json);
                }
            }
        }

        json.WriteBoolean(IncludeUsage, true);
        json.WriteEndObject();
    }
}
