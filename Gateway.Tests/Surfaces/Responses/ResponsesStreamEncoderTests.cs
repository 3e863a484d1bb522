using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Surfaces.Responses;
using Gateway.Tests.Surfaces.Anthropic;

namespace Gateway.Tests.Surfaces.Responses;

/// <summary>
/// Chat chunks become the Responses event sequence the SDKs' accumulators hold a stream to: numbered from 0, created first, every
/// item added before its deltas and done before the next, and a terminal event that repeats every finished item.
/// </summary>
public sealed class ResponsesStreamEncoderTests
{
    [Fact]
    public async Task Encode_ReasoningTextAndTwoCalls_ItemsInOrderEachFinishedBeforeTheNext()
    {
        var events = await EncodeAsync([
            EncodedStream.Delta("""{"reasoning_content":"Think."}"""),
            EncodedStream.Delta("""{"content":"Checking"}"""),
            EncodedStream.Delta("""{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"weather","arguments":"{\"city\":"}}]}"""),
            EncodedStream.Delta("""{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}"""),
            EncodedStream.Delta("""{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"weather","arguments":"{}"}}]}""", "tool_calls")]);

        AssertWellFormed(events);
        Assert.Equal(["response.created", "response.in_progress"], events.Take(2).Select(e => e.Name));
        var added = events.Where(e => e.Name == "response.output_item.added").Select(e => e.Data.GetProperty("item").GetProperty("type").GetString());
        Assert.Equal(["reasoning", "message", "function_call", "function_call"], added);
        var finished = events[^1];
        Assert.Equal("response.completed", finished.Name);
        var output = finished.Data.GetProperty("response").GetProperty("output").EnumerateArray().ToArray();
        Assert.Equal("Think.", output[0].GetProperty("summary")[0].GetProperty("text").GetString());
        Assert.Equal("Checking", output[1].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(("call_a", "weather", """{"city":"Paris"}"""),
            (output[2].GetProperty("call_id").GetString(), output[2].GetProperty("name").GetString(), output[2].GetProperty("arguments").GetString()));
        var argumentsDone = events.First(e => e.Name == "response.function_call_arguments.done");
        Assert.Equal("weather", argumentsDone.Data.GetProperty("name").GetString()); // the schema requires it (§3.3)
    }

    [Fact]
    public async Task Encode_CutAtTheLimit_IncompleteWithTheReason()
    {
        var events = await EncodeAsync([EncodedStream.Delta("""{"content":"Mango sun"}""", "length")]);

        AssertWellFormed(events);
        var response = events[^1].Data.GetProperty("response");
        Assert.Equal(("response.incomplete", "incomplete", "max_output_tokens"),
            (events[^1].Name, response.GetProperty("status").GetString(), response.GetProperty("incomplete_details").GetProperty("reason").GetString()));
        Assert.Equal("incomplete", response.GetProperty("output")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Encode_FailureAfterTheStart_AnErrorEventAndNoTerminalOne()
    {
        var events = await EncodeAsync([EncodedStream.Delta("""{"content":"Hel"}""")], new ApiError(502, $"upstream said {EncodedStream.Secret}", null, "upstream_error"));

        AssertWellFormed(events);
        var error = events[^1];
        Assert.Equal(("error", "upstream_error"), (error.Name, error.Data.GetProperty("code").GetString()));
        Assert.DoesNotContain(EncodedStream.Secret, error.Data.GetRawText());
        Assert.DoesNotContain(events, e => e.Name == "response.completed");
    }

    /// <summary>§3.6: sequence numbers 0, 1, 2…; output indices in added order; no item event outside its item's added and done.</summary>
    private static void AssertWellFormed(List<WrittenEvent> events)
    {
        string? open = null;
        var nextIndex = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var data = events[i].Data;
            Assert.Equal(i, data.GetProperty("sequence_number").GetInt32());
            switch (events[i].Name)
            {
                case "response.output_item.added":
                    Assert.Null(open);
                    Assert.Equal(nextIndex, data.GetProperty("output_index").GetInt32());
                    open = data.GetProperty("item").GetProperty("id").GetString();
                    break;
                case "response.output_item.done":
                    Assert.Equal(open, data.GetProperty("item").GetProperty("id").GetString());
                    open = null;
                    nextIndex++;
                    break;
                case var name when data.TryGetProperty("item_id", out var item):
                    Assert.True(open == item.GetString(), $"{name} names {item} while {open ?? "no item"} is open");
                    Assert.Equal(nextIndex, data.GetProperty("output_index").GetInt32());
                    break;
            }
        }

        Assert.True(open is null || events[^1].Name == "error", $"{open} was never done");
    }

    private static async Task<List<WrittenEvent>> EncodeAsync(IEnumerable<ChatChunk> chunks, ApiError? error = null)
    {
        using var request = JsonDocument.Parse("""{"model":"m","input":"x"}""");
        var turn = new ResponsesTurn(request.RootElement, "[]", store: null, TimeProvider.System);
        var encoder = new ResponsesStreamEncoder(EncodedStream.Redactor(), turn, inputEstimate: 5);
        using var output = new MemoryStream();
        var body = PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true));
        foreach (var chunk in chunks)
        {
            encoder.WriteEvent(body, chunk);
        }

        if (error is null)
        {
            encoder.WriteEnd(body);
        }
        else
        {
            encoder.WriteError(body, error);
        }

        await body.FlushAsync();
        await body.CompleteAsync();
        return EncodedStream.ReadEvents(Encoding.UTF8.GetString(output.ToArray()));
    }
}
