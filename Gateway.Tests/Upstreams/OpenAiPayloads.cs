namespace Gateway.Tests.Upstreams;

/// <summary>
/// OpenAI Chat Completions payloads from wire-formats.md §1, byte-faithful to the reference. Streams are lists of raw SSE events
/// ready for <see cref="StubResponse.Sse"/>; JSON fixtures are compacted onto one line as on the wire. Fixtures the reference marks
/// [constructed] say so.
/// </summary>
internal static class OpenAiPayloads
{
    /// <summary>The model named in the real captured streams.</summary>
    public const string StreamModel = "gpt-4o-2024-08-06";

    /// <summary>The model named in <see cref="ChatCompletion"/>.</summary>
    public const string ChatCompletionModel = "gpt-5.4";

    /// <summary>The assistant text of <see cref="ChatCompletion"/>.</summary>
    public const string ChatCompletionContent = "Hello! How can I assist you today?";

    /// <summary>§1.3 spec example: the non-stream answer to "Hello!".</summary>
    public const string ChatCompletion = """{"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion","created":1741569952,"model":"gpt-5.4","choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I assist you today?","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default"}""";

    /// <summary>§1.7 spec example: <c>content: null</c>, <c>arguments</c> a JSON-encoded string, <c>finish_reason: "tool_calls"</c>.</summary>
    public const string ToolCallCompletion = """{"id":"chatcmpl-abc123","object":"chat.completion","created":1699896916,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_abc123","type":"function","function":{"name":"get_current_weather","arguments":"{\n\"location\": \"Boston, MA\"\n}"}}]},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":82,"completion_tokens":17,"total_tokens":99,"completion_tokens_details":{"reasoning_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}""";

    /// <summary>The text <see cref="TextStream"/> spells (the reference elides the middle of the capture, so two content chunks remain).</summary>
    public const string TextStreamContent = "I'm.";

    /// <summary>The arguments <see cref="ToolCallStream"/> spells once its fragments are joined.</summary>
    public const string ToolCallStreamArguments = """{"city":"Edinburgh","country":"UK","units":"c"}""";

    /// <summary>The function name in <see cref="ToolCallStream"/>.</summary>
    public const string ToolCallStreamFunction = "GetWeatherArgs";

    /// <summary>§1.5 429 body [constructed by the reference from the schema].</summary>
    public const string RateLimitError = """{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}""";

    /// <summary>401 when no key was sent [observed on the wire].</summary>
    public const string MissingApiKeyError = """{"error":{"message":"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":null}}""";

    /// <summary>401 for a wrong key [observed]; the service echoes a masked key, here fully masked so no key text ever appears.</summary>
    public const string InvalidApiKeyError = """{"error":{"message":"Incorrect API key provided: sk-***********. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""";

    /// <summary>500 with the service's generic message [constructed in the §1.5 error shape].</summary>
    public const string ServerError = """{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}""";

    /// <summary>400 when the body is not JSON [constructed in the §1.5 error shape].</summary>
    public const string InvalidJsonError = """{"error":{"message":"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)","type":"invalid_request_error","param":null,"code":null}}""";

    /// <summary>400 when <c>model</c> is missing [constructed in the §1.5 error shape].</summary>
    public const string MissingModelError = """{"error":{"message":"you must provide a model parameter","type":"invalid_request_error","param":null,"code":null}}""";

    /// <summary>§1.6 spec example of <c>GET /v1/models</c> (its trailing comma removed, as the reference advises).</summary>
    public const string ModelList = """{"object":"list","data":[{"id":"model-id-0","object":"model","created":1686935002,"owned_by":"organization-owner","shutdown_date":null},{"id":"model-id-1","object":"model","created":1686935002,"owned_by":"organization-owner","shutdown_date":null},{"id":"model-id-2","object":"model","created":1686935002,"owned_by":"openai","shutdown_date":"2026-10-23"}]}""";

    /// <summary>§1.6 spec example vector values (the spec elides the rest of the 1536 floats).</summary>
    public static IReadOnlyList<float> EmbeddingVector { get; } = [0.0023064255f, -0.009327292f, -0.0028842222f];

    /// <summary>§1.4 real capture, text then the <c>include_usage</c> chunk (<c>choices: []</c>) then <c>[DONE]</c>.</summary>
    public static IReadOnlyList<string> TextStream { get; } =
    [
        RawSse.Data("""{"id":"chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL","object":"chat.completion.chunk","created":1727346168,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_5050236cbd","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL","object":"chat.completion.chunk","created":1727346168,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_5050236cbd","choices":[{"index":0,"delta":{"content":"I'm"},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL","object":"chat.completion.chunk","created":1727346168,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_5050236cbd","choices":[{"index":0,"delta":{"content":"."},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL","object":"chat.completion.chunk","created":1727346168,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_5050236cbd","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL","object":"chat.completion.chunk","created":1727346168,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_5050236cbd","choices":[],"usage":{"prompt_tokens":14,"completion_tokens":30,"total_tokens":44,"completion_tokens_details":{"reasoning_tokens":0}}}"""),
        RawSse.Done
    ];

    /// <summary><see cref="TextStream"/> as sent when <c>stream_options.include_usage</c> is not true: no usage chunk.</summary>
    public static IReadOnlyList<string> TextStreamWithoutUsage { get; } = [.. TextStream.Where(raw => !raw.Contains("\"choices\":[]", StringComparison.Ordinal))];

    /// <summary>§1.4 real capture with <c>finish_reason: "length"</c> (<c>max_tokens=1</c>).</summary>
    public static IReadOnlyList<string> LengthStream { get; } =
    [
        RawSse.Data("""{"id":"chatcmpl-ABfw3Oqj8RD0z6aJiiX37oTjV2HFh","object":"chat.completion.chunk","created":1727346171,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw3Oqj8RD0z6aJiiX37oTjV2HFh","object":"chat.completion.chunk","created":1727346171,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{"content":"{\""},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw3Oqj8RD0z6aJiiX37oTjV2HFh","object":"chat.completion.chunk","created":1727346171,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"length"}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw3Oqj8RD0z6aJiiX37oTjV2HFh","object":"chat.completion.chunk","created":1727346171,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[],"usage":{"prompt_tokens":79,"completion_tokens":1,"total_tokens":80,"completion_tokens_details":{"reasoning_tokens":0}}}"""),
        RawSse.Done
    ];

    /// <summary>§1.4 real capture of a streamed tool call: id/type/name only on the first fragment, then argument fragments.</summary>
    public static IReadOnlyList<string> ToolCallStream { get; } =
    [
        RawSse.Data("""{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion.chunk","created":1727346176,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_c91SqDXlYFuETYv8mUHzz6pp","type":"function","function":{"name":"GetWeatherArgs","arguments":""}}],"refusal":null},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion.chunk","created":1727346176,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\""}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion.chunk","created":1727346176,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"city"}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion.chunk","created":1727346176,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\":\""}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion.chunk","created":1727346176,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"Ed"}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion.chunk","created":1727346176,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"inburgh"}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion.chunk","created":1727346176,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\",\""}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion.chunk","created":1727346176,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"country"}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion.chunk","created":1727346176,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\":\""}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion.chunk","created":1727346176,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"UK"}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion.chunk","created":1727346176,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\",\""}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion.chunk","created":1727346176,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"units"}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion.chunk","created":1727346176,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\":\""}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion.chunk","created":1727346176,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"c"}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion.chunk","created":1727346176,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"}"}}]},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion.chunk","created":1727346176,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]}"""),
        RawSse.Data("""{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion.chunk","created":1727346176,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7568d46099","choices":[],"usage":{"prompt_tokens":76,"completion_tokens":24,"total_tokens":100,"completion_tokens_details":{"reasoning_tokens":0}}}"""),
        RawSse.Done
    ];

    /// <summary>
    /// A mid-stream error event as openai-python recognises it (any event whose JSON has a top-level <c>error</c>)
    /// [constructed in the §1.5 error shape].
    /// </summary>
    public static string MidStreamErrorEvent { get; } = RawSse.Data(ServerError);

    /// <summary>HTTP 200, the first two events of <see cref="TextStream"/>, then <see cref="MidStreamErrorEvent"/>; no <c>[DONE]</c>.</summary>
    public static IReadOnlyList<string> TextStreamWithMidStreamError { get; } = [TextStream[0], TextStream[1], MidStreamErrorEvent];

    /// <summary>404 for an unknown model, as the service words it [constructed in the §1.5 error shape].</summary>
    public static string ModelNotFoundError(string model) =>
        """{"error":{"message":""" + Fixture.JsonString($"The model `{model}` does not exist or you do not have access to it.") + ""","type":"invalid_request_error","param":null,"code":"model_not_found"}}""";

    /// <summary>404 for a route the service does not have [constructed in the §1.5 error shape].</summary>
    public static string InvalidUrlError(string method, string path) =>
        """{"error":{"message":""" + Fixture.JsonString($"Invalid URL ({method} {path})") + ""","type":"invalid_request_error","param":null,"code":null}}""";

    /// <summary>429 with <c>retry-after</c> (seconds) and the rate-limit headers of §1.5.</summary>
    public static StubResponse RateLimited(int retryAfterSeconds = 1) =>
        StubResponse.Json(
            429,
            RateLimitError,
            ("retry-after", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("x-ratelimit-limit-requests", "60"),
            ("x-ratelimit-remaining-requests", "0"),
            ("x-ratelimit-reset-requests", $"{retryAfterSeconds}s"));

    /// <summary>401 for a wrong key.</summary>
    public static StubResponse Unauthorized() => StubResponse.Json(401, InvalidApiKeyError);
}
