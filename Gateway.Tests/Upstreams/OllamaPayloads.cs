namespace Gateway.Tests.Upstreams;

/// <summary>
/// Ollama native API payloads from wire-formats.md §4. Streams are NDJSON lines without their trailing newline (ready for
/// <see cref="StubResponse.Ndjson"/>); each JSON object is one line, as on the wire. Errors are <c>{"error":"…"}</c>.
/// </summary>
internal static class OllamaPayloads
{
    /// <summary>The model named in the chat fixtures.</summary>
    public const string ChatModel = "llama3.2";

    /// <summary>The text of <see cref="Chat"/>.</summary>
    public const string ChatContent = "Hello! How are you today?";

    /// <summary>The text <see cref="ChatStream"/> spells.</summary>
    public const string ChatStreamContent = "The";

    /// <summary>The model named in <see cref="Embed"/>.</summary>
    public const string EmbedModel = "all-minilm";

    /// <summary>
    /// §4.3 non-stream answer (<c>"stream": false</c>) with <c>"done_reason":"stop"</c> added where current servers put it (the
    /// docs example predates the field).
    /// </summary>
    public const string Chat = """{"model":"llama3.2","created_at":"2023-12-12T14:13:43.416799Z","message":{"role":"assistant","content":"Hello! How are you today?"},"done_reason":"stop","done":true,"total_duration":5191566416,"load_duration":2154458,"prompt_eval_count":26,"prompt_eval_duration":383809000,"eval_count":298,"eval_duration":4799921000}""";

    /// <summary>§4.8 non-stream tool call: <c>arguments</c> is an object, no call id, <c>done_reason</c> stays <c>"stop"</c>.</summary>
    public const string ToolCallChat = """{"model":"llama3.2","created_at":"2025-07-07T20:32:53.844124Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Tokyo"}}}]},"done_reason":"stop","done":true,"total_duration":3244883583,"load_duration":2969184542,"prompt_eval_count":169,"prompt_eval_duration":141656333,"eval_count":18,"eval_duration":133293625}""";

    /// <summary>§4.5 mid-stream error line (HTTP status stays 200).</summary>
    public const string MidStreamErrorLine = """{"error":"an error was encountered while running the model"}""";

    /// <summary>§4.5 docs example error body (e.g. with HTTP 500).</summary>
    public const string ServerError = """{"error":"the model failed to generate a response"}""";

    /// <summary>400 when <c>model</c> is missing [as <c>server/routes.go</c> words it].</summary>
    public const string MissingModelError = """{"error":"model is required"}""";

    /// <summary>400 when the body is empty [as <c>server/routes.go</c> words it].</summary>
    public const string MissingBodyError = """{"error":"missing request body"}""";

    /// <summary>401 from ollama.com when the Bearer key is missing or wrong [constructed in the §4.5 error shape].</summary>
    public const string UnauthorizedError = """{"error":"unauthorized"}""";

    /// <summary>The plain-text body Ollama's router sends (HTTP 404, <c>text/plain</c>) for a route it does not have.</summary>
    public const string NotFoundPage = "404 page not found";

    /// <summary>The plain-text body of <c>GET /</c>, the usual liveness probe.</summary>
    public const string RootBanner = "Ollama is running";

    /// <summary>§4.7 <c>POST /api/embed</c> answer.</summary>
    public const string Embed = """{"model":"all-minilm","embeddings":[[0.010071029,-0.0017594862,0.05007221,0.04692972,0.054916814,0.008599704,0.105441414,-0.025878139,0.12958129,0.031952348]],"total_duration":14143917,"load_duration":1019500,"prompt_eval_count":8}""";

    /// <summary>§4.6 <c>GET /api/tags</c> answer.</summary>
    public const string Tags = """{"models":[{"name":"deepseek-r1:latest","model":"deepseek-r1:latest","modified_at":"2025-05-10T08:06:48.639712648-07:00","size":4683075271,"digest":"0a8c266910232fd3291e71e5ba1e058cc5af9d411192cf88b6d30e92b6e73163","details":{"parent_model":"","format":"gguf","family":"qwen2","families":["qwen2"],"parameter_size":"7.6B","quantization_level":"Q4_K_M"}},{"name":"llama3.2:latest","model":"llama3.2:latest","modified_at":"2025-05-04T17:37:44.706015396-07:00","size":2019393189,"digest":"a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72","details":{"parent_model":"","format":"gguf","family":"llama","families":["llama"],"parameter_size":"3.2B","quantization_level":"Q4_K_M"}}]}""";

    /// <summary>§4.7 example vector values.</summary>
    public static IReadOnlyList<float> EmbeddingVector { get; } =
        [0.010071029f, -0.0017594862f, 0.05007221f, 0.04692972f, 0.054916814f, 0.008599704f, 0.105441414f, -0.025878139f, 0.12958129f, 0.031952348f];

    /// <summary>§4.4 chat stream as wire NDJSON (compacted by the reference, <c>done_reason</c> on the final <c>done:true</c> line).</summary>
    public static IReadOnlyList<string> ChatStream { get; } =
    [
        """{"model":"llama3.2","created_at":"2023-08-04T08:52:19.385406455-07:00","message":{"role":"assistant","content":"The"},"done":false}""",
        """{"model":"llama3.2","created_at":"2023-08-04T19:22:45.499127Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":4883583458,"load_duration":1334875,"prompt_eval_count":26,"prompt_eval_duration":342546000,"eval_count":282,"eval_duration":4535599000}"""
    ];

    /// <summary>§4.8 streamed tool call: the whole call in one <c>done:false</c> line, then the final <c>done:true</c> line.</summary>
    public static IReadOnlyList<string> ToolCallStream { get; } =
    [
        """{"model":"llama3.2","created_at":"2025-07-07T20:22:19.184789Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Tokyo"}}}]},"done":false}""",
        """{"model":"llama3.2","created_at":"2025-07-07T20:22:19.19314Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":182242375,"load_duration":41295167,"prompt_eval_count":169,"prompt_eval_duration":24573166,"eval_count":15,"eval_duration":115959084}"""
    ];

    /// <summary>HTTP 200, the first line of <see cref="ChatStream"/>, then <see cref="MidStreamErrorLine"/>; no <c>done:true</c> line.</summary>
    public static IReadOnlyList<string> ChatStreamWithMidStreamError { get; } = [ChatStream[0], MidStreamErrorLine];

    /// <summary>404 body for an unknown model, exactly as <c>ChatHandler</c> formats it.</summary>
    public static string ModelNotFoundError(string model) => $$"""{"error":{{Fixture.JsonString($"model '{model}' not found")}}}""";

    /// <summary>404 for an unknown model.</summary>
    public static StubResponse ModelNotFound(string model) => StubResponse.Json(404, ModelNotFoundError(model));
}
