using System.Text.Json;

namespace Gateway.Tests.Mock;

/// <summary>The mock's embeddings: one deterministic unit vector per input, in OpenAI's list shape.</summary>
public sealed class MockEmbeddingsTests
{
    [Fact]
    public async Task Embeddings_ArrayOfStrings_OneUnitVectorPerInputInOrder()
    {
        using var mock = new MockClient();

        var root = await EmbedAsync(mock, """{"model":"mock-embedding","input":["alpha","beta gamma","alpha"]}""");

        Assert.Equal("list", root.GetProperty("object").GetString());
        Assert.Equal("mock-embedding", root.GetProperty("model").GetString());
        var data = root.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], data.Select(d => d.GetProperty("index").GetInt32()));
        Assert.All(data, d => Assert.Equal("embedding", d.GetProperty("object").GetString()));
        var vectors = data.Select(Vector).ToList();
        Assert.All(vectors, v => Assert.Equal(16, v.Length));
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => x * x)), 3));
        Assert.Equal(vectors[0], vectors[2]);
        Assert.NotEqual(vectors[0], vectors[1]);
        Assert.Equal(4, root.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Embeddings_SameTextInTwoRequests_SameVector()
    {
        using var mock = new MockClient();

        var first = Vector((await EmbedAsync(mock, """{"input":"stable"}""")).GetProperty("data")[0]);
        var second = Vector((await EmbedAsync(mock, """{"input":"stable"}""")).GetProperty("data")[0]);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Embeddings_DimensionsInRequest_WinOverTheConfiguredLength()
    {
        using var mock = new MockClient("{embedding_dimensions: 8}");

        var configured = await EmbedAsync(mock, """{"input":"x"}""");
        var requested = await EmbedAsync(mock, """{"input":"x","dimensions":32}""");

        Assert.Equal(8, Vector(configured.GetProperty("data")[0]).Length);
        Assert.Equal(32, Vector(requested.GetProperty("data")[0]).Length);
    }

    [Fact]
    public async Task Embeddings_TokenArrays_OneVectorPerArray()
    {
        using var mock = new MockClient();

        var single = await EmbedAsync(mock, """{"input":[1,2,3]}""");
        var several = await EmbedAsync(mock, """{"input":[[1,2,3],[4,5]]}""");

        Assert.Equal(1, single.GetProperty("data").GetArrayLength());
        Assert.Equal(3, single.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(2, several.GetProperty("data").GetArrayLength());
        Assert.Equal(Vector(single.GetProperty("data")[0]), Vector(several.GetProperty("data")[0]));
    }

    private static async Task<JsonElement> EmbedAsync(MockClient mock, string json)
    {
        using var response = await mock.PostAsync("/embeddings", json);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static double[] Vector(JsonElement item) => item.GetProperty("embedding").EnumerateArray().Select(v => v.GetDouble()).ToArray();
}
