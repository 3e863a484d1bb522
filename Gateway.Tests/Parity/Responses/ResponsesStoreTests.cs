#pragma warning disable OPENAI001 // the Responses client is marked experimental
using System.ClientModel;
using Gateway.Tests.Harness;
using Gateway.Tests.Parity.Messages;
using Gateway.Tests.Upstreams;
using OpenAI.Responses;

namespace Gateway.Tests.Parity.Responses;

/// <summary>
/// The gateway's own store of responses, through the SDK: a chain continues on a new gateway started on the same database; a stored
/// response can be fetched, its input listed and deleted (then it is a 404 in OpenAI's words); one sent with <c>store: false</c>
/// cannot be continued.
/// </summary>
[Collection(ResponsesCollection.Name)]
public sealed class ResponsesStoreTests(ResponsesFixture fixture)
{
    [Theory(Skip = ResponsesStore.NotServedYet)]
    [InlineData("whole")]
    [InlineData("stream")]
    public async Task Responses_ChainAcrossAGatewayRestart_TheNewGatewayContinuesItFromTheSameStore(string mode)
    {
        const ResponsesScenario scenario = ResponsesScenario.MultiTurn;
        var (backend, stream, path) = (ResponsesBackend.Named("anthropic"), mode == "stream", ResponsesStore.NewPath());
        await using var stub = await StubUpstream.StartAsync(backend.Parity.Kind);
        stub.ExpectedApiKey = backend.Parity.ApiKey;
        var config = ParityFixture.Config(backend.Parity, stub.Url) + ResponsesStore.Section(path);
        try
        {
            ResponsesView first;
            await using (var before = await TestGateway.StartAsync(config))
            {
                stub.Responder = ResponsesMatrixTests.Answer(backend.Render(ResponsesReplies.First(scenario), stream));
                first = await ResponsesClient.RunAsync(before.Url, ResponsesRequests.First(scenario), stream);
                ResponsesMatrixTests.AssertSeen(backend, scenario, ResponsesReplies.First(scenario), stream, first);
            }

            await using var after = await TestGateway.StartAsync(config);
            var next = ResponsesReplies.Next(scenario);
            stub.Responder = ResponsesMatrixTests.Answer(backend.Render(next, stream));

            var followed = await ResponsesClient.RunAsync(after.Url, ResponsesRequests.Next(scenario, first.Id!, null), stream);

            ResponsesMatrixTests.AssertReached(stub, 2, followed);
            UpstreamExpectations.AssertAsked(backend, scenario, second: true, stream, null, backend.Read(stub.Requests[^1]));
            ResponsesMatrixTests.AssertSeen(backend, scenario, next, stream, followed);
            var fetched = await ResponsesClient.For(after.Url).GetResponseAsync(first.Id);
            Assert.Equal((first.Id, MessagesReplies.Greeting), (fetched.Value.Id, fetched.Value.GetOutputText()));
        }
        finally
        {
            ResponsesStore.Delete(path);
        }
    }

    [Theory(Skip = ResponsesStore.NotServedYet)]
    [MemberData(nameof(ResponsesFailureTests.Backends), MemberType = typeof(ResponsesFailureTests))]
    public async Task Responses_StoredResponse_FetchedListedThenDeletedAndThenNotFound(string backendName)
    {
        var backend = ResponsesBackend.Named(backendName);
        var (stub, gateway) = fixture.For(backend);
        stub.Responder = ResponsesMatrixTests.Answer(backend.Render(ResponsesReplies.First(ResponsesScenario.Text), stream: false));
        var client = ResponsesClient.For(gateway.Url);
        var created = (await client.CreateResponseAsync(ResponsesRequests.First(ResponsesScenario.Text))).Value;

        var fetched = (await client.GetResponseAsync(created.Id)).Value;
        var items = new List<ResponseItem>();
        await foreach (var item in client.GetResponseInputItemsAsync(new ResponseItemCollectionOptions(created.Id)))
        {
            items.Add(item);
        }

        var deleted = (await client.DeleteResponseAsync(created.Id)).Value;
        var gone = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync(created.Id));

        Assert.Equal((created.Id, MessagesReplies.Greeting), (fetched.Id, fetched.GetOutputText()));
        var message = Assert.IsType<MessageResponseItem>(Assert.Single(items));
        Assert.Equal((MessageRole.User, MessagesRequests.Question), (message.Role, message.Content.Single().Text));
        Assert.False(string.IsNullOrEmpty(message.Id), "stored items get ids");
        Assert.Equal((created.Id, true), (deleted.ResponseId, deleted.Deleted));
        Assert.Equal(404, gone.Status);
        Assert.Equal($"Response with id '{created.Id}' not found.", ResponsesClient.ErrorOf(gone).Message);
    }

    [Theory]
    [MemberData(nameof(ResponsesFailureTests.Backends), MemberType = typeof(ResponsesFailureTests))]
    public async Task Responses_ContinuingAResponseSentWithStoreFalse_400PreviousResponseNotFound(string backendName)
    {
        var backend = ResponsesBackend.Named(backendName);
        var (stub, gateway) = fixture.For(backend);
        stub.Responder = ResponsesMatrixTests.Answer(backend.Render(ResponsesReplies.First(ResponsesScenario.Text), stream: false));
        var unstored = ResponsesRequests.First(ResponsesScenario.Text);
        unstored.StoredOutputEnabled = false;
        var first = (await ResponsesClient.For(gateway.Url).CreateResponseAsync(unstored)).Value;
        var before = stub.RequestCount;

        var seen = await ResponsesClient.RunAsync(gateway.Url, ResponsesRequests.Next(ResponsesScenario.MultiTurn, first.Id, null), stream: false);

        Assert.Equal((400, "previous_response_id", "previous_response_not_found"), (seen.ErrorStatus, seen.Error?.Param, seen.Error?.Code));
        Assert.Equal($"Previous response with id '{first.Id}' not found.", seen.Error!.Message);
        Assert.Equal(before, stub.RequestCount);
    }
}
