using System.Buffers;
using System.Text;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Conversations;
using Gateway.Exchange;

namespace Gateway.Surfaces.Responses;

/// <summary>
/// One <c>POST /v1/responses</c> as the surface answers it: the response's id and creation time, the request it echoes, this turn's
/// input items (with ids, as they are stored) and where the finished response is kept when the client asked for <c>store</c>.
/// Set on the request's features by the endpoint; the surface and its stream encoder read it.
/// </summary>
internal sealed class ResponsesTurn(JsonElement request, ReadOnlyMemory<byte> inputItems, IResponseStore? store, TimeProvider time)
{
    public string Id { get; } = ResponseIds.Response();

    public long CreatedAt { get; } = time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>The client's body, for the fields a Response object echoes.</summary>
    public JsonElement Request { get; } = request;

    /// <summary>This turn's input items as a JSON array, as stored and as <c>input_items</c> lists them.</summary>
    public ReadOnlyMemory<byte> InputItems { get; } = inputItems;

    /// <summary><c>store</c>, true unless the client said false (as OpenAI's default).</summary>
    public bool Store => !(Request.TryGetProperty("store", out var value) && value.ValueKind == JsonValueKind.False);

    /// <summary>True when the finished response is to be kept: the client asked for it and there is a store to keep it in.</summary>
    public bool Keeps => Store && store is not null;

    public long Now() => time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Keeps the finished <paramref name="response"/> (the JSON the client receives) when the client asked for it.</summary>
    public void Keep(string id, ReadOnlySpan<byte> response, string? backend)
    {
        if (Keeps)
        {
            store!.Save(new StoredResponse(
                id, ResponsesRequestCheck.PreviousId(Request), Encoding.UTF8.GetString(InputItems.Span), Encoding.UTF8.GetString(response),
                backend ?? string.Empty, time.GetUtcNow()));
        }
    }

    /// <summary>
    /// This turn's input as item objects with ids: a string is one <c>user</c> message; an item the client sent without an id gets
    /// one (and a <c>status</c> where its type has one), so the stored conversation lists it as OpenAI does.
    /// </summary>
    public static (byte[]? Items, ApiError? Error) NormalizeInput(JsonElement request)
    {
        if (!request.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            return ("[]"u8.ToArray(), null);
        }

        if (input.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
        {
            return (null, ApiError.BadRequest($"input: must be a string or a list of items, not {ChatRequestParser.Describe(input)}.", "input"));
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartArray();
            if (input.ValueKind == JsonValueKind.String)
            {
                json.WriteStartObject();
                json.WriteString("id", ResponseIds.Message());
                json.WriteString("type", "message");
                json.WriteString("status", "completed");
                json.WriteString("role", "user");
                json.WriteStartArray("content");
                json.WriteStartObject();
                json.WriteString("type", "input_text");
                json.WriteString("text", input.GetString());
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
            else
            {
                var index = 0;
                foreach (var item in input.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        return (null, ApiError.BadRequest($"input[{index}]: must be an item object, not {ChatRequestParser.Describe(item)}.", "input"));
                    }

                    WriteWithId(json, item);
                    index++;
                }
            }

            json.WriteEndArray();
        }

        return (buffer.WrittenSpan.ToArray(), null);
    }

    private static void WriteWithId(Utf8JsonWriter json, JsonElement item)
    {
        var type = item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "message";
        json.WriteStartObject();
        if (!item.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            json.WriteString("id", ResponseIds.Item(type));
        }

        if (!item.TryGetProperty("type", out _))
        {
            json.WriteString("type", "message");
        }

        if (!item.TryGetProperty("status", out _) && type is "message" or "function_call" or "function_call_output")
        {
            json.WriteString("status", "completed");
        }

        foreach (var property in item.EnumerateObject())
        {
            if (property.Name == "id" && property.Value.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            property.WriteTo(json);
        }

        json.WriteEndObject();
    }
}
