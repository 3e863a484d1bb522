namespace Gateway.Tests.Upstreams;

/// <summary>
/// LM Studio OpenAI-compatible payloads from wire-formats.md §5: <c>system_fingerprint</c> equals the model id, tool-call ids are
/// numeric strings, messages carry no <c>refusal</c>/<c>annotations</c>. The docs show few wire payloads, so fixtures marked
/// [constructed] are built from the documented shapes (§5.2, §5.3) in OpenAI framing.
/// </summary>
internal static class LmStudioPayloads
{
    /// <summary>The model named in the chat fixtures.</summary>
    public const string ChatModel = "granite-3.0-2b-instruct";

    /// <summary>The model named in the tool-call fixtures.</summary>
    public const string ToolModel = "lmstudio-community/qwen2.5-7b-instruct";

    /// <summary>The model named in the embeddings fixture.</summary>
    public const string EmbeddingModel = "text-embedding-nomic-embed-text-v1.5@q4_k_m";

    /// <summary>The assistant text of <see cref="ChatCompletion"/> and <see cref="TextStream"/>.</summary>
    public const string ChatContent = "Greetings, I'm a helpful AI, here to assist,\nIn providing answers, with no distress.\nI'll keep it short and sweet, in rhyme you'll find,\nA friendly companion, all day long you'll bind.";

    /// <summary>The arguments <see cref="ToolCallStream"/> spells once its fragments are joined.</summary>
    public const string ToolCallStreamArguments = """{"location":"San Francisco"}""";

    /// <summary>
    /// Non-stream answer [constructed from the §5.3 v0 response: the v0-only <c>stats</c>/<c>model_info</c>/<c>runtime</c>
    /// removed, <c>system_fingerprint</c> = model id added].
    /// </summary>
    public const string ChatCompletion = """{"id":"chatcmpl-i3gkjwthhw96whukek9tz","object":"chat.completion","created":1731990317,"model":"granite-3.0-2b-instruct","choices":[{"index":0,"logprobs":null,"finish_reason":"stop","message":{"role":"assistant","content":"Greetings, I'm a helpful AI, here to assist,\nIn providing answers, with no distress.\nI'll keep it short and sweet, in rhyme you'll find,\nA friendly companion, all day long you'll bind."}}],"usage":{"prompt_tokens":24,"completion_tokens":53,"total_tokens":77},"system_fingerprint":"granite-3.0-2b-instruct"}""";

    /// <summary>§5.2 tool-call response, verbatim: numeric-string id, no <c>content</c> key.</summary>
    public const string ToolCallCompletion = """{"id":"chatcmpl-gb1t1uqzefudice8ntxd9i","object":"chat.completion","created":1730913210,"model":"lmstudio-community/qwen2.5-7b-instruct","choices":[{"index":0,"logprobs":null,"finish_reason":"tool_calls","message":{"role":"assistant","tool_calls":[{"id":"365174485","type":"function","function":{"name":"search_products","arguments":"{\"query\":\"dell\",\"category\":\"electronics\",\"max_price\":50}"}}]}}],"usage":{"prompt_tokens":263,"completion_tokens":34,"total_tokens":297},"system_fingerprint":"lmstudio-community/qwen2.5-7b-instruct"}""";

    /// <summary><c>GET /v1/models</c> [constructed: OpenAI list shape over the §5.3 model ids].</summary>
    public const string ModelList = """{"data":[{"id":"qwen2-vl-7b-instruct","object":"model","owned_by":"organization_owner"},{"id":"meta-llama-3.1-8b-instruct","object":"model","owned_by":"organization_owner"},{"id":"text-embedding-nomic-embed-text-v1.5","object":"model","owned_by":"organization_owner"}],"object":"list"}""";

    /// <summary>401 when a token is required and none was sent [observed, LM Studio 0.4.18].</summary>
    public const string MissingTokenError = """{"error":{"type":"invalid_request","code":"invalid_api_key","message":"An LM Studio API token is required to make requests to this server, but none was provided using the Authorization header using the 'Bearer' scheme (i.e., 'Authorization: Bearer $LM_API_TOKEN'). Learn more at: https://lmstudio.ai/docs/developer/core/authentication."}}""";

    /// <summary>401 for a wrong token [constructed in the shape of <see cref="MissingTokenError"/>].</summary>
    public const string InvalidTokenError = """{"error":{"type":"invalid_request","code":"invalid_api_key","message":"The provided LM Studio API token is invalid. Learn more at: https://lmstudio.ai/docs/developer/core/authentication."}}""";

    /// <summary>§5.4 "no model loaded" (HTTP 400) [observed shape; the report truncates the message, completed from the older wording].</summary>
    public const string NoModelsLoadedError = """{"error":{"message":"No models loaded. Please load a model in the developer page or use the `lms load` command.","type":"invalid_request_error","param":"model"}}""";

    /// <summary>§5.3 example vector values.</summary>
    public static IReadOnlyList<float> EmbeddingVector { get; } =
        [-0.016731496900320053f, 0.028460891917347908f, -0.1407836228609085f, 0.02505224384367466f, -0.0037634256295859814f, -0.04341062530875206f];

    /// <summary>
    /// Streamed <see cref="ChatContent"/> [constructed: OpenAI framing with LM Studio's id style and fingerprint], including the
    /// <c>choices: []</c> usage event; see <see cref="TextStreamWithoutUsage"/>.
    /// </summary>
    public static IReadOnlyList<string> TextStream { get; } =
    [
        RawSse.Data("""{"id":"chatcmpl-i3gkjwthhw96whukek9tz","object":"chat.completion.chunk","created":1731990317,"model":"granite-3.0-2b-instruct","system_fingerprint":"granite-3.0-2b-instruct","choices":[{"index":0,"delta":{"role":"assistant","content":"Greetings, I'm a helpful AI, here to assist,\n"},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-i3gkjwthhw96whukek9tz","object":"chat.completion.chunk","created":1731990317,"model":"granite-3.0-2b-instruct","system_fingerprint":"granite-3.0-2b-instruct","choices":[{"index":0,"delta":{"content":"In providing answers, with no distress.\n"},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-i3gkjwthhw96whukek9tz","object":"chat.completion.chunk","created":1731990317,"model":"granite-3.0-2b-instruct","system_fingerprint":"granite-3.0-2b-instruct","choices":[{"index":0,"delta":{"content":"I'll keep it short and sweet, in rhyme you'll find,\n"},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-i3gkjwthhw96whukek9tz","object":"chat.completion.chunk","created":1731990317,"model":"granite-3.0-2b-instruct","system_fingerprint":"granite-3.0-2b-instruct","choices":[{"index":0,"delta":{"content":"A friendly companion, all day long you'll bind."},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-i3gkjwthhw96whukek9tz","object":"chat.completion.chunk","created":1731990317,"model":"granite-3.0-2b-instruct","system_fingerprint":"granite-3.0-2b-instruct","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}"""),
        RawSse.Data("""{"id":"chatcmpl-i3gkjwthhw96whukek9tz","object":"chat.completion.chunk","created":1731990317,"model":"granite-3.0-2b-instruct","system_fingerprint":"granite-3.0-2b-instruct","choices":[],"usage":{"prompt_tokens":24,"completion_tokens":53,"total_tokens":77}}"""),
        RawSse.Done,
    ];

    /// <summary><see cref="TextStream"/> without the usage event, as sent when <c>stream_options.include_usage</c> is not true.</summary>
    public static IReadOnlyList<string> TextStreamWithoutUsage { get; } = [.. TextStream.Where(raw => !raw.Contains("\"choices\":[]", StringComparison.Ordinal))];

    /// <summary>
    /// §5.2 streamed tool call [constructed: the documented delta sequence (numeric-string id on the first fragment only) in
    /// OpenAI framing], then the <c>tool_calls</c> finish event and <c>[DONE]</c>.
    /// </summary>
    public static IReadOnlyList<string> ToolCallStream { get; } =
    [
        RawSse.Data("""{"id":"chatcmpl-7a2lqo1ttkvgxj4fchd1ph","object":"chat.completion.chunk","created":1730913210,"model":"lmstudio-community/qwen2.5-7b-instruct","system_fingerprint":"lmstudio-community/qwen2.5-7b-instruct","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"814890118","type":"function","function":{"name":"get_current_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-7a2lqo1ttkvgxj4fchd1ph","object":"chat.completion.chunk","created":1730913210,"model":"lmstudio-community/qwen2.5-7b-instruct","system_fingerprint":"lmstudio-community/qwen2.5-7b-instruct","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\""}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-7a2lqo1ttkvgxj4fchd1ph","object":"chat.completion.chunk","created":1730913210,"model":"lmstudio-community/qwen2.5-7b-instruct","system_fingerprint":"lmstudio-community/qwen2.5-7b-instruct","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"location"}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-7a2lqo1ttkvgxj4fchd1ph","object":"chat.completion.chunk","created":1730913210,"model":"lmstudio-community/qwen2.5-7b-instruct","system_fingerprint":"lmstudio-community/qwen2.5-7b-instruct","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\":\""}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-7a2lqo1ttkvgxj4fchd1ph","object":"chat.completion.chunk","created":1730913210,"model":"lmstudio-community/qwen2.5-7b-instruct","system_fingerprint":"lmstudio-community/qwen2.5-7b-instruct","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"San Francisco"}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-7a2lqo1ttkvgxj4fchd1ph","object":"chat.completion.chunk","created":1730913210,"model":"lmstudio-community/qwen2.5-7b-instruct","system_fingerprint":"lmstudio-community/qwen2.5-7b-instruct","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"}"}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-7a2lqo1ttkvgxj4fchd1ph","object":"chat.completion.chunk","created":1730913210,"model":"lmstudio-community/qwen2.5-7b-instruct","system_fingerprint":"lmstudio-community/qwen2.5-7b-instruct","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]}"""),
        RawSse.Done,
    ];

    /// <summary>§5.4 404 for an unknown model, listing the models that are available.</summary>
    public static string ModelNotFoundError(string model, IEnumerable<string> available) =>
        """{"error":{"message":""" + Fixture.JsonString($"Model \"{model}\" not found. Please specify a valid model.\n\nYour models:\n\n{string.Join('\n', available)}") + ""","type":"invalid_request_error","param":"model","code":"model_not_found"}}""";

    /// <summary>
    /// What LM Studio sends for a route it does not have: HTTP 200 (it logs "Returning 200 anyway") with a bare error string
    /// [observed behaviour, constructed body].
    /// </summary>
    public static string UnexpectedEndpointError(string method, string path) =>
        """{"error":""" + Fixture.JsonString($"Unexpected endpoint or method. ({method} {path})") + """}""";
}
