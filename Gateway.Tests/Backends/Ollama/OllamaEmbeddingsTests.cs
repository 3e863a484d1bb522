using System.Buffers.Binary;
using System.ClientModel.Primitives;
using Gateway.Backends;
using Gateway.Backends.Ollama;
using Gateway.Configuration;
using Gateway.Routing;
using static Gateway.Tests.Backends.WireTestKit;
using SdkEmbeddings = OpenAI.Embeddings.OpenAIEmbeddingCollection;

namespace Gateway.Tests.Backends.Ollama;

public sealed class OllamaEmbeddingsTests
{
    private static readonly float[] DocsVector =
        [0.010071029f, -0.0017594862f, 0.05007221f, 0.04692972f, 0.054916814f, 0.008599704f, 0.105441414f, -0.025878139f, 0.12958129f, 0.031952348f];

    private readonly OllamaProtocol _protocol = new(TimeProvider.System);
    private readonly Candidate _minilm = Candidate(Backend(BackendKind.Ollama), "all-minilm", "http://127.0.0.1:11434");

    [Fact]
    public async Task ReadEmbeddings_FloatFormat_OpenAiListWithTheSameNumbersAndPromptEvalCountAsUsage()
    {
        using var request = Embeddings("""{"model":"e","input":"Why is the sky blue?","encoding_format":"float"}""");
        using var response = Answer(OllamaFixtures.Embed);

        var outcome = await _protocol.ReadEmbeddingsAsync(response, request, _minilm, CancellationToken.None);

        Assert.Equal(new Usage(8, 0), outcome.Value!.Usage);
        using var json = Json(outcome.Value.Json);
        var root = json.RootElement;
        Assert.Equal(["object", "data", "model", "usage"], PropertyNames(root));
        Assert.Equal("list", root.GetProperty("object").GetString());
        Assert.Equal("all-minilm", root.GetProperty("model").GetString());
        Assert.Equal("""{"prompt_tokens":8,"total_tokens":8}""", root.GetProperty("usage").GetRawText());
        var item = Assert.Single(root.GetProperty("data").EnumerateArray());
        Assert.Equal("embedding", item.GetProperty("object").GetString());
        Assert.Equal(0, item.GetProperty("index").GetInt32());
        Assert.Equal(
            "0.010071029,-0.0017594862,0.05007221,0.04692972,0.054916814,0.008599704,0.105441414,-0.025878139,0.12958129,0.031952348",
            string.Join(',', item.GetProperty("embedding").EnumerateArray().Select(n => n.GetRawText())));
    }

    [Fact]
    public async Task ReadEmbeddings_Base64Format_Float32LittleEndianThatDecodesToTheSameFloats()
    {
        using var request = Embeddings("""{"model":"e","input":"Why is the sky blue?","encoding_format":"base64"}""");
        using var response = Answer(OllamaFixtures.Embed);

        var outcome = await _protocol.ReadEmbeddingsAsync(response, request, _minilm, CancellationToken.None);

        using var json = Json(outcome.Value!.Json);
        var bytes = Convert.FromBase64String(json.RootElement.GetProperty("data")[0].GetProperty("embedding").GetString()!);
        Assert.Equal(DocsVector.Length * sizeof(float), bytes.Length);
        var floats = Enumerable.Range(0, DocsVector.Length).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float))));
        Assert.Equal(DocsVector, floats);
    }

    [Fact]
    public async Task ReadEmbeddings_Base64ForSeveralInputs_TheOpenAiSdkDecodesEachVectorInOrder()
    {
        const string TwoVectors = """{"model":"all-minilm","embeddings":[[0.5,-1.25],[3.0,0.125]],"total_duration":1,"load_duration":1,"prompt_eval_count":11}""";
        using var request = Embeddings("""{"model":"e","input":["a","b"],"encoding_format":"base64"}""");
        using var response = Answer(TwoVectors);

        var outcome = await _protocol.ReadEmbeddingsAsync(response, request, _minilm, CancellationToken.None);

        var sdk = ModelReaderWriter.Read<SdkEmbeddings>(BinaryData.FromBytes(outcome.Value!.Json))!;
        Assert.Equal([0, 1], sdk.Select(e => e.Index));
        Assert.Equal([0.5f, -1.25f], sdk[0].ToFloats().ToArray());
        Assert.Equal([3.0f, 0.125f], sdk[1].ToFloats().ToArray());
        Assert.Equal(11, sdk.Usage.InputTokenCount);
    }

    [Fact]
    public async Task ReadEmbeddings_AnswerWithoutEmbeddings_IsProtocolFailure()
    {
        using var request = Embeddings("""{"model":"e","input":"x"}""");
        using var response = Answer("""{"embedding":[0.5,0.1]}""");

        var outcome = await _protocol.ReadEmbeddingsAsync(response, request, _minilm, CancellationToken.None);

        Assert.Equal(FailureKind.Protocol, outcome.Failure!.Kind);
        Assert.Contains("no embeddings array", outcome.Failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("float")]
    [InlineData("base64")]
    public async Task ReadEmbeddings_VectorWithSomethingOtherThanNumbers_IsProtocolFailure(string format)
    {
        using var request = Embeddings($$"""{"model":"e","input":"x","encoding_format":"{{format}}"}""");
        using var response = Answer("""{"model":"m","embeddings":[[0.5,"x"]],"prompt_eval_count":1}""");

        var outcome = await _protocol.ReadEmbeddingsAsync(response, request, _minilm, CancellationToken.None);

        Assert.Equal(FailureKind.Protocol, outcome.Failure!.Kind);
    }
}
