using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.Backends.OpenAI;

/// <summary>
/// Rewrites a client's OpenAI request for an OpenAI-style upstream: every root property is copied as sent (so fields the gateway does not
/// model pass through untouched); only <c>model</c> is replaced (or removed, for Azure's deployment URLs) and configured defaults are added
/// where the client gave none.
/// </summary>
internal static class OpenAiRequestBody
{
    public const string MaxTokens = "max_tokens";
    public const string MaxCompletionTokens = "max_completion_tokens";

    /// <summary>Request bodies go to an API, not into HTML: keep non-ASCII text as UTF-8 instead of <c>\uXXXX</c> escapes.</summary>

    /// <summary>The chat body.</summary>
    /// <param name="model">The concrete model (also decides whether defaults suit it).</param>
    /// <param name="includeModel">False for Azure, whose URL names the deployment.</param>
    /// <param name="maxTokensField">Where a default max token count goes for this backend (reasoning models always get <c>max_completion_tokens</c>).</param>
    public static ReadOnlyMemory<byte> Chat(ChatRequest request, string model, bool includeModel, string maxTokensField)
    {
        var reasoning = IsReasoningModel(model);
        var addTemperature = request.DefaultTemperature is not null && !reasoning && !request.TryGet("temperature", out _);
        var addMaxTokens = request.DefaultMaxTokens is not null && !request.TryGet(MaxTokens, out _) && !request.TryGet(MaxCompletionTokens, out _);

        // Sized from the client's body: the copy is about as long (a fixed 4 KB cost 3.5 KB extra per small request; bench/RESULTS.md).
        var buffer = new ArrayBufferWriter<byte>(JsonMarshal.GetRawUtf8Value(request.Root).Length + model.Length + 64);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            var modelWritten = CopyReplacingModel(json, request.Root, model, includeModel, property =>
                (addTemperature && property.NameEquals("temperature"))
                || (addMaxTokens && (property.NameEquals(MaxTokens) || property.NameEquals(MaxCompletionTokens))));
            if (includeModel && !modelWritten)
            {
                json.WriteString("model", model);
            }

            if (addTemperature)
            {
                json.WriteNumber("temperature", request.DefaultTemperature!.Value);
            }

            if (addMaxTokens)
            {
                json.WriteNumber(reasoning ? MaxCompletionTokens : maxTokensField, request.DefaultMaxTokens!.Value);
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
            if (!CopyReplacingModel(json, request.Root, model, includeModel, static _ => false) && includeModel)
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

    /// <summary>Copies every root property but <c>model</c> (written in its place when included) and those <paramref name="drop"/> selects.</summary>
    /// <returns>Whether the source had a <c>model</c> property.</returns>
    private static bool CopyReplacingModel(Utf8JsonWriter json, JsonElement root, string model, bool includeModel, Func<JsonProperty, bool> drop)
    {
        var sawModel = false;
        foreach (var property in root.EnumerateObject())
        {
            if (property.NameEquals("model"))
            {
                if (includeModel && !sawModel)
                {
                    json.WriteString("model", model);
                }

                sawModel = true;
            }
            else if (!drop(property))
            {
                property.WriteTo(json);
            }
        }

        return sawModel;
    }
}
