using System.Buffers;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Conversations;

namespace Gateway.Surfaces.Responses;

/// <summary>
/// The conversation a <c>previous_response_id</c> continues, from the gateway's store: every earlier turn's input items, then its
/// output items, oldest first. It is what any backend receives before this turn's input; an OpenAI backend receives it inside the
/// client's body in place of the id (<see cref="Expand"/>).
/// </summary>
internal sealed class ResponsesHistory : IDisposable
{
    /// <summary>The most turns a chain is followed back; a longer one is cut (and a loop cannot hang the request).</summary>
    private const int MaxTurns = 1000;

    private readonly List<JsonDocument> _documents = [];
    private readonly List<JsonElement> _items = [];

    private ResponsesHistory()
    {
    }

    /// <summary>No earlier conversation.</summary>
    public static ResponsesHistory None => new();

    public IReadOnlyList<JsonElement> Items => _items;

    /// <summary>The conversation up to and including <paramref name="previousId"/>; null when it, or a turn before it, is not stored.</summary>
    public static ResponsesHistory? Of(IResponseStore? store, string previousId)
    {
        var turns = new List<StoredResponse>();
        for (string? id = previousId; id is not null && turns.Count < MaxTurns; id = turns[^1].PreviousId)
        {
            if (store?.Find(id) is not { } turn)
            {
                return null;
            }

            turns.Add(turn);
        }

        var history = new ResponsesHistory();
        for (var i = turns.Count - 1; i >= 0; i--)
        {
            var input = history.Keep(turns[i].InputItems);
            history._items.AddRange(input.RootElement.EnumerateArray());
            var response = history.Keep(turns[i].Response);
            if (response.RootElement.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Array)
            {
                history._items.AddRange(output.EnumerateArray());
            }
        }

        return history;
    }

    /// <summary>
    /// The client's body with the conversation in place of <c>previous_response_id</c>: <c>input</c> holds the stored items, then the
    /// client's own; null when there is no earlier conversation (the body goes as it was sent). Stored items lose the <c>id</c> and
    /// <c>status</c> the gateway gave them (OpenAI looks up items by id); reasoning items go only with their <c>encrypted_content</c>.
    /// </summary>
    public JsonDocument? Expand(JsonElement root)
    {
        if (_documents.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("previous_response_id" or "input"))
                {
                    property.WriteTo(json);
                }
            }

            json.WriteStartArray("input");
            foreach (var item in _items)
            {
                WriteStored(json, item);
            }

            if (root.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in input.EnumerateArray())
                {
                    item.WriteTo(json);
                }
            }
            else if (input.ValueKind == JsonValueKind.String)
            {
                json.WriteStartObject();
                json.WriteString("role", "user");
                json.WriteString("content", input.GetString());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    public void Dispose()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }
    }

    private static void WriteStored(Utf8JsonWriter json, JsonElement item)
    {
        var reasoning = item.TryGetProperty("type", out var type) && type.ValueEquals("reasoning");
        if (reasoning && !(item.TryGetProperty("encrypted_content", out var sealedText) && sealedText.ValueKind == JsonValueKind.String))
        {
            return;
        }

        json.WriteStartObject();
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name == "status" || (property.Name == "id" && !reasoning))
            {
                continue;
            }

            property.WriteTo(json);
        }

        json.WriteEndObject();
    }

    private JsonDocument Keep(string json)
    {
        var document = JsonDocument.Parse(json);
        _documents.Add(document);
        return document;
    }
}
