using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Parity.Messages;

namespace Gateway.Tests.Parity.Responses;

/// <summary>
/// What the SDK does not show of a Responses stream, read off the wire (inbound-surfaces.md §3): each event's <c>event:</c> line names
/// the JSON's <c>type</c>, <c>sequence_number</c> counts 0, 1, 2…, no <c>[DONE]</c> follows the terminal event, every item-scoped event
/// names an item that was added at its <c>output_index</c>, and <c>created_at</c> is an integer, whole or streamed.
/// </summary>
[Collection(ResponsesCollection.Name)]
public sealed class ResponsesStreamWireTests(ResponsesFixture fixture)
{
    public static TheoryData<string, ResponsesScenario> Cells()
    {
        var data = new TheoryData<string, ResponsesScenario>();
        foreach (var backend in ResponsesBackend.All)
        {
            foreach (var scenario in (ResponsesScenario[])[ResponsesScenario.Text, ResponsesScenario.ParallelCalls, ResponsesScenario.Reasoning])
            {
                if (backend.Covers(scenario))
                {
                    data.Add(backend.Name, scenario);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task ResponsesStream_AnyBackend_EventsAreNumberedNamedAndIndexedAsOpenAiSendsThem(string backendName, ResponsesScenario scenario)
    {
        var backend = ResponsesBackend.Named(backendName);
        var (stub, gateway) = fixture.For(backend);
        stub.Responder = ResponsesMatrixTests.Answer(backend.Render(ResponsesReplies.First(scenario), stream: true));

        var (status, contentType, body) = await PostAsync(gateway.Http, Body(scenario, stream: true));

        Assert.Equal((HttpStatusCode.OK, "text/event-stream"), (status, contentType));
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var output = new List<(string Id, string Type, int Parts)>();
        for (var i = 0; i < events.Length; i++)
        {
            var lines = events[i].Split('\n');
            Assert.True(lines is [var eventLine, var dataLine] && eventLine.StartsWith("event: ", StringComparison.Ordinal)
                && dataLine.StartsWith("data: ", StringComparison.Ordinal), $"event {i} is not an event line and a data line: {events[i]}");
            using var data = JsonDocument.Parse(lines[1]["data: ".Length..]);
            var json = data.RootElement;
            var type = json.Text("type");
            Assert.Equal(lines[0]["event: ".Length..], type);
            Assert.Equal(i, json.At("sequence_number").GetInt32());
            AssertIndexed(type, json, output);
        }

        string[] ends = ["response.completed", "response.incomplete", "response.failed"];
        Assert.Equal("response.created", First(events[0]));
        Assert.Contains(First(events[^1]), ends);
        Assert.Single(events, e => ends.Contains(First(e)));
    }

    [Theory]
    [MemberData(nameof(ResponsesFailureTests.Backends), MemberType = typeof(ResponsesFailureTests))]
    public async Task Responses_AnyBackendWhole_CreatedAtIsAnIntegerAndTheObjectAResponse(string backendName)
    {
        var backend = ResponsesBackend.Named(backendName);
        var (stub, gateway) = fixture.For(backend);
        stub.Responder = ResponsesMatrixTests.Answer(backend.Render(ResponsesReplies.First(ResponsesScenario.Text), stream: false));

        var (status, contentType, body) = await PostAsync(gateway.Http, Body(ResponsesScenario.Text, stream: false));

        Assert.Equal((HttpStatusCode.OK, "application/json"), (status, contentType));
        using var document = JsonDocument.Parse(body);
        var response = document.RootElement;
        Assert.Equal(("response", "completed"), (response.Text("object"), response.Text("status")));
        Assert.True(response.At("created_at").TryGetInt64(out var created) && created > 0, $"created_at: {response.At("created_at")}");
        Assert.Equal(MessagesReplies.Greeting, response.Text("output", 0, "content", 0, "text"));
    }

    [Theory]
    [MemberData(nameof(ResponsesFailureTests.Backends), MemberType = typeof(ResponsesFailureTests))]
    public async Task ResponsesStream_UpstreamFailsAfterTheFirstText_OneFlatErrorEventNumberedOnAndNothingAfterIt(string backendName)
    {
        var backend = ResponsesBackend.Named(backendName);
        var (stub, gateway) = fixture.For(backend);
        var failure = backend.MidStreamFailure();
        stub.Responder = ResponsesMatrixTests.Answer(failure.Response);

        var (status, _, body) = await PostAsync(gateway.Http, Body(ResponsesScenario.Text, stream: true));

        Assert.Equal(HttpStatusCode.OK, status);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(events, e => First(e) == "error");
        Assert.Equal("error", First(events[^1]));
        using var error = JsonDocument.Parse(events[^1].Split('\n')[1]["data: ".Length..]);
        Assert.Equal(events.Length - 1, error.RootElement.At("sequence_number").GetInt32());
        Assert.Contains(failure.ErrorPhrase, error.RootElement.Text("message"), StringComparison.Ordinal); // the flat form: code, message, param
        Assert.True(error.RootElement.Has("code") && error.RootElement.Has("param"), events[^1]);
        Assert.DoesNotContain(events, e => First(e) is "response.completed" or "response.incomplete");
    }

    /// <summary>Output items are added at the next index; every event about one names its id, a content part at the next index.</summary>
    private static void AssertIndexed(string type, JsonElement json, List<(string Id, string Type, int Parts)> output)
    {
        if (type is "response.created" or "response.in_progress" or "response.completed" or "response.incomplete" or "response.failed")
        {
            Assert.Equal(JsonValueKind.Number, json.At("response", "created_at").ValueKind);
            Assert.True(json.At("response", "created_at").TryGetInt64(out _), $"{type}: created_at is not an integer");
            return;
        }

        if (type == "error" || !json.TryGetProperty("output_index", out var index))
        {
            return;
        }

        var at = index.GetInt32();
        if (type == "response.output_item.added")
        {
            Assert.Equal(output.Count, at);
            output.Add((json.Text("item", "id"), json.Text("item", "type"), 0));
            return;
        }

        Assert.InRange(at, 0, output.Count - 1);
        var id = type == "response.output_item.done" ? json.Text("item", "id") : json.Text("item_id");
        Assert.Equal(output[at].Id, id);
        if (json.TryGetProperty("content_index", out var content))
        {
            Assert.Equal("message", output[at].Type);
            var part = content.GetInt32();
            Assert.Equal(type == "response.content_part.added" ? output[at].Parts : output[at].Parts - 1, part);
            if (type == "response.content_part.added")
            {
                output[at] = output[at] with { Parts = output[at].Parts + 1 };
            }
        }
    }

    private static string First(string rawEvent) => rawEvent.Split('\n')[0]["event: ".Length..];

    /// <summary>The scenario's request as JSON, as the SDK would send it.</summary>
    internal static string Body(ResponsesScenario scenario, bool stream)
    {
        var options = ResponsesRequests.First(scenario);
        if (stream)
        {
            options.StreamingEnabled = true;
        }

        return System.ClientModel.Primitives.ModelReaderWriter.Write(options).ToString();
    }

    internal static async Task<(HttpStatusCode Status, string? ContentType, string Body)> PostAsync(HttpClient http, string body)
    {
        using var response = await http.PostAsync("/v1/responses", new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }
}
