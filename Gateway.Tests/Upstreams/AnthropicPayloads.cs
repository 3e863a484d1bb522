namespace Gateway.Tests.Upstreams;

/// <summary>
/// Anthropic Messages payloads from wire-formats.md §3. Streams are lists of raw named SSE events (no <c>[DONE]</c>; they end
/// after <c>message_stop</c>); JSON fixtures are compacted onto one line. Error bodies carry <c>request_id</c> like the live API.
/// </summary>
internal static class AnthropicPayloads
{
    /// <summary>The request id used in error bodies and the <c>request-id</c> header (the §3.1 example value).</summary>
    public const string RequestId = "req_018EeWyXxfu5pfWkrYcMdjWG";

    /// <summary>The <c>anthropic-version</c> the gateway sends when it translates, and that most clients send.</summary>
    public const string ApiVersion = "2023-06-01";

    /// <summary>The <c>anthropic-version</c> the Anthropic .NET SDK the tests use (13.x) sends.</summary>
    public const string SdkApiVersion = "2026-10-21";

    /// <summary>The model named in <see cref="Message"/>.</summary>
    public const string MessageModel = "claude-sonnet-4-20250514";

    /// <summary>The text of <see cref="Message"/>.</summary>
    public const string MessageText = "Hi! My name is Claude.";

    /// <summary>The model named in <see cref="TextStream"/>.</summary>
    public const string StreamModel = "claude-3-opus-latest";

    /// <summary>The text <see cref="TextStream"/> spells.</summary>
    public const string TextStreamContent = "Hello there!";

    /// <summary>The input <see cref="ToolUseStream"/> spells once its <c>partial_json</c> fragments are joined.</summary>
    public const string ToolUseStreamInput = """{"location": "Paris"}""";

    /// <summary>§3.3 non-stream response as a JSON fixture.</summary>
    public const string Message = """{"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[{"type":"text","text":"Hi! My name is Claude."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":2095,"output_tokens":503}}""";

    /// <summary>§3.5 overloaded body (HTTP 529), with <c>request_id</c> as the live API adds.</summary>
    public const string OverloadedError = """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_018EeWyXxfu5pfWkrYcMdjWG"}""";

    /// <summary>401 for a wrong key [observed on the wire].</summary>
    public const string InvalidApiKeyError = """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_018EeWyXxfu5pfWkrYcMdjWG"}""";

    /// <summary>401 when no key was sent [observed message].</summary>
    public const string MissingApiKeyError = """{"type":"error","error":{"type":"authentication_error","message":"x-api-key header is required"},"request_id":"req_018EeWyXxfu5pfWkrYcMdjWG"}""";

    /// <summary>400 when <c>anthropic-version</c> is missing [observed on the wire].</summary>
    public const string MissingVersionError = """{"type":"error","error":{"type":"invalid_request_error","message":"anthropic-version: header is required"},"request_id":"req_018EeWyXxfu5pfWkrYcMdjWG"}""";

    /// <summary>400 when the required <c>max_tokens</c> is missing [constructed in the §3.5 error shape].</summary>
    public const string MissingMaxTokensError = """{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"},"request_id":"req_018EeWyXxfu5pfWkrYcMdjWG"}""";

    /// <summary>400 when the body is not JSON [constructed in the §3.5 error shape].</summary>
    public const string InvalidJsonError = """{"type":"error","error":{"type":"invalid_request_error","message":"There was an error parsing the body of your request."},"request_id":"req_018EeWyXxfu5pfWkrYcMdjWG"}""";

    /// <summary>§3.5 doc example 404 (unknown route), with <c>request_id</c>.</summary>
    public const string NotFoundError = """{"type":"error","error":{"type":"not_found_error","message":"The requested resource could not be found."},"request_id":"req_018EeWyXxfu5pfWkrYcMdjWG"}""";

    /// <summary>429 body [constructed in the §3.5 error shape].</summary>
    public const string RateLimitError = """{"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your rate limit. Please try again later."},"request_id":"req_018EeWyXxfu5pfWkrYcMdjWG"}""";

    /// <summary>§3.6 <c>GET /v1/models</c> [constructed by the reference from the SDK types].</summary>
    public const string ModelList = """{"data":[{"type":"model","id":"claude-sonnet-4-20250514","display_name":"Claude Sonnet 4","created_at":"2025-05-22T00:00:00Z"}],"has_more":false,"first_id":"claude-sonnet-4-20250514","last_id":"claude-sonnet-4-20250514"}""";

    /// <summary>§3.4 streaming-doc error event, verbatim (spaces after colons included); arrives after HTTP 200.</summary>
    public static string ErrorEvent { get; } = RawSse.Event("error", """{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}""");

    /// <summary>§3.4 SDK fixture <c>basic_response.txt</c>: message_start, a text block with a <c>ping</c> inside, message_delta, message_stop.</summary>
    public static IReadOnlyList<string> TextStream { get; } =
    [
        RawSse.Event("message_start", """{"type":"message_start","message":{"id":"msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK","type":"message","role":"assistant","content":[],"model":"claude-3-opus-latest","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":11,"output_tokens":1}}}"""),
        RawSse.Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
        RawSse.Event("ping", """{"type": "ping"}"""),
        RawSse.Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}"""),
        RawSse.Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" there"}}"""),
        RawSse.Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"!"}}"""),
        RawSse.Event("content_block_stop", """{"type":"content_block_stop","index":0}"""),
        RawSse.Event("message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":6}}"""),
        RawSse.Event("message_stop", """{"type":"message_stop"}""")
    ];

    /// <summary>§3.4 SDK fixture <c>tool_use_response.txt</c>: a text block, then a <c>tool_use</c> block whose input arrives as <c>input_json_delta</c> fragments.</summary>
    public static IReadOnlyList<string> ToolUseStream { get; } =
    [
        RawSse.Event("message_start", """{"type":"message_start","message":{"id":"msg_019Q1hrJbZG26Fb9BQhrkHEr","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":377,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1,"service_tier":"standard"}}}"""),
        RawSse.Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
        RawSse.Event("ping", """{"type": "ping"}"""),
        RawSse.Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"I"}}"""),
        RawSse.Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"'ll check the current weather in Paris for you."}}"""),
        RawSse.Event("content_block_stop", """{"type":"content_block_stop","index":0}"""),
        RawSse.Event("content_block_start", """{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01NRLabsLyVHZPKxbKvkfSMn","name":"get_weather","caller":{"type":"direct"},"input":{}}}"""),
        RawSse.Event("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}"""),
        RawSse.Event("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"locati"}}"""),
        RawSse.Event("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"on\": \"P"}}"""),
        RawSse.Event("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ar"}}"""),
        RawSse.Event("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"is\"}"}}"""),
        RawSse.Event("content_block_stop", """{"type":"content_block_stop","index":1}"""),
        RawSse.Event("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":65}}"""),
        RawSse.Event("message_stop", """{"type":"message_stop"}""")
    ];

    /// <summary>HTTP 200, the start of <see cref="TextStream"/> up to its first text delta, then <see cref="ErrorEvent"/>; no message_stop.</summary>
    public static IReadOnlyList<string> TextStreamWithMidStreamError { get; } = [.. TextStream.Take(4), ErrorEvent];

    /// <summary>A 400 naming the unsupported <c>anthropic-version</c> [observed on the wire].</summary>
    public static string InvalidVersionError(string version) =>
        $$"""{"type":"error","error":{"type":"invalid_request_error","message":{{Fixture.JsonString($"anthropic-version: \"{version}\" is not a valid version")}}},"request_id":"{{RequestId}}"}""";

    /// <summary>404 for an unknown model [constructed in the §3.5 error shape].</summary>
    public static string ModelNotFoundError(string model) =>
        $$"""{"type":"error","error":{"type":"not_found_error","message":{{Fixture.JsonString($"model: {model}")}}},"request_id":"{{RequestId}}"}""";

    /// <summary>529 overloaded.</summary>
    public static StubResponse Overloaded() => StubResponse.Json(529, OverloadedError, ("request-id", RequestId));

    /// <summary>429 with <c>retry-after</c> and the §3.5 rate-limit headers (RFC 3339 resets).</summary>
    public static StubResponse RateLimited(int retryAfterSeconds = 1) =>
        StubResponse.Json(
            429,
            RateLimitError,
            ("request-id", RequestId),
            ("retry-after", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("anthropic-ratelimit-requests-limit", "1000"),
            ("anthropic-ratelimit-requests-remaining", "0"),
            ("anthropic-ratelimit-requests-reset", "2025-08-21T12:40:59Z"));

    /// <summary>401 for a wrong key.</summary>
    public static StubResponse Unauthorized() => StubResponse.Json(401, InvalidApiKeyError, ("request-id", RequestId));
}
