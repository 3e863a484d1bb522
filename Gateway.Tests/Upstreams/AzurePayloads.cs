namespace Gateway.Tests.Upstreams;

/// <summary>
/// Azure OpenAI payloads from wire-formats.md §2. Streams are lists of raw SSE events; JSON fixtures are compacted onto one line.
/// Azure's error object differs from OpenAI's: <c>code</c> is a string such as <c>"429"</c>, <c>type</c>/<c>param</c> may be absent.
/// </summary>
internal static class AzurePayloads
{
    /// <summary>The model the streamed samples name (Azure reports the underlying model, not the deployment).</summary>
    public const string StreamModel = "gpt-35-turbo";

    /// <summary>The text <see cref="PassesFiltersStream"/> spells (the reference elides its middle).</summary>
    public const string PassesFiltersStreamContent = "Color is a";

    /// <summary>
    /// §2.2 REST-spec example 200 body (<c>api-version=2024-10-21</c>). Verbatim, so it lacks <c>object</c> and <c>model</c>,
    /// which real responses also carry.
    /// </summary>
    public const string ChatCompletion = """{"id":"chatcmpl-7R1nGnsXO8n4oi9UPz2f3UHdgAYMn","created":1686676106,"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Ahoy matey! So ye be wantin' to care for a fine squawkin' parrot, eh? Well, shiver me timbers, let ol' Cap'n Assistant share some wisdom with ye! Here be the steps to keepin' yer parrot happy 'n healthy:\n\n1. Secure a sturdy cage: Yer parrot be needin' a comfortable place to lay anchor! Be sure ye get a sturdy cage, at least double the size of the bird's wingspan, with enough space to spread their wings, yarrrr!\n\n2. Perches 'n toys: Aye, parrots need perches of different sizes, shapes, 'n textures to keep their feet healthy. Also, a few toys be helpin' to keep them entertained 'n their minds stimulated, arrrh!\n\n3. Proper grub: Feed yer feathered friend a balanced diet of high-quality pellets, fruits, 'n veggies to keep 'em strong 'n healthy. Give 'em fresh water every day, or ye’ll have a scurvy bird on yer hands!\n\n4. Cleanliness: Swab their cage deck! Clean their cage on a regular basis: fresh water 'n food daily, the floor every couple of days, 'n a thorough scrubbing ev'ry few weeks, so the bird be livin' in a tidy haven, arrhh!\n\n5. Socialize 'n train: Parrots be a sociable lot, arrr! Exercise 'n interact with 'em daily to create a bond 'n maintain their mental 'n physical health. Train 'em with positive reinforcement, treat 'em kindly, yarrr!\n\n6. Proper rest: Yer parrot be needin' ’bout 10-12 hours o' sleep each night. Cover their cage 'n let them slumber in a dim, quiet quarter for a proper night's rest, ye scallywag!\n\n7. Keep a weather eye open for illness: Birds be hidin' their ailments, arrr! Be watchful for signs of sickness, such as lethargy, loss of appetite, puffin' up, or change in droppings, and make haste to a vet if need be.\n\n8. Provide fresh air 'n avoid toxins: Parrots be sensitive to draft and pollutants. Keep yer quarters well ventilated, but no drafts, arrr! Be mindful of toxins like Teflon fumes, candles, or air fresheners.\n\nSo there ye have it, me hearty! With proper care 'n commitment, yer parrot will be squawkin' \"Yo-ho-ho\" for many years to come! Good luck, sailor, and may the wind be at yer back!"}}],"usage":{"completion_tokens":557,"prompt_tokens":33,"total_tokens":590}}""";

    /// <summary>§2.4 observed full body of a prompt blocked by the content filter (HTTP 400); note the singular <c>content_filter_result</c>.</summary>
    public const string ContentFilterError = """{"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766","type":null,"param":"prompt","code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},"self_harm":{"filtered":true,"severity":"medium"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}}}""";

    /// <summary>§2.5 observed 429 body, verbatim (including the space after <c>"message":</c>).</summary>
    public const string RateLimitError = """{"error":{"code":"429","message": "Rate limit is exceeded. Try again in 2 seconds."}}""";

    /// <summary>401 for a missing or wrong <c>api-key</c> [observed on the wire].</summary>
    public const string UnauthorizedError = """{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}""";

    /// <summary>404 for an unknown route, and for a request without <c>api-version</c> [observed on the wire].</summary>
    public const string ResourceNotFoundError = """{"error":{"code":"404","message":"Resource not found"}}""";

    /// <summary>400 for an <c>api-version</c> the service does not know [observed message, constructed envelope].</summary>
    public const string ApiVersionNotSupportedError = """{"error":{"code":"BadRequest","message":"API version not supported"}}""";

    /// <summary>404 for a deployment that does not exist [observed on the wire].</summary>
    public const string DeploymentNotFoundError = """{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}}""";

    /// <summary><c>GET /openai/models</c> in the OpenAI list shape [constructed].</summary>
    public const string ModelList = """{"object":"list","data":[{"id":"gpt-35-turbo","object":"model","created":1686676106,"owned_by":"system"},{"id":"text-embedding-ada-002","object":"model","created":1686676106,"owned_by":"system"}]}""";

    /// <summary>§2.6 example vector values (the doc elides the rest).</summary>
    public static IReadOnlyList<float> EmbeddingVector { get; } = [-0.012838088f, -0.007421397f];

    /// <summary>
    /// §2.3 "passes filters" sample: a prompt-annotation first event with empty id and <c>choices: []</c> (spelled
    /// <c>prompt_annotations</c> in this doc sample), content chunks with <c>"usage":null</c>, annotation-only events with empty id
    /// (one after the finish chunk), then <c>[DONE]</c>.
    /// </summary>
    public static IReadOnlyList<string> PassesFiltersStream { get; } =
    [
        RawSse.Data("""{"id":"","object":"","created":0,"model":"","prompt_annotations":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}],"choices":[],"usage":null}"""),
        RawSse.Data("""{"id":"chatcmpl-7rCNsVeZy0PGnX3H6jK8STps5nZUY","object":"chat.completion.chunk","created":1692913344,"model":"gpt-35-turbo","choices":[{"index":0,"finish_reason":null,"delta":{"role":"assistant"}}],"usage":null}"""),
        RawSse.Data("""{"id":"chatcmpl-7rCNsVeZy0PGnX3H6jK8STps5nZUY","object":"chat.completion.chunk","created":1692913344,"model":"gpt-35-turbo","choices":[{"index":0,"finish_reason":null,"delta":{"content":"Color"}}],"usage":null}"""),
        RawSse.Data("""{"id":"chatcmpl-7rCNsVeZy0PGnX3H6jK8STps5nZUY","object":"chat.completion.chunk","created":1692913344,"model":"gpt-35-turbo","choices":[{"index":0,"finish_reason":null,"delta":{"content":" is"}}],"usage":null}"""),
        RawSse.Data("""{"id":"chatcmpl-7rCNsVeZy0PGnX3H6jK8STps5nZUY","object":"chat.completion.chunk","created":1692913344,"model":"gpt-35-turbo","choices":[{"index":0,"finish_reason":null,"delta":{"content":" a"}}],"usage":null}"""),
        RawSse.Data("""{"id":"","object":"","created":0,"model":"","choices":[{"index":0,"finish_reason":null,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"content_filter_offsets":{"check_offset":44,"start_offset":44,"end_offset":198}}],"usage":null}"""),
        RawSse.Data("""{"id":"chatcmpl-7rCNsVeZy0PGnX3H6jK8STps5nZUY","object":"chat.completion.chunk","created":1692913344,"model":"gpt-35-turbo","choices":[{"index":0,"finish_reason":"stop","delta":{}}],"usage":null}"""),
        RawSse.Data("""{"id":"","object":"","created":0,"model":"","choices":[{"index":0,"finish_reason":null,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"content_filter_offsets":{"check_offset":506,"start_offset":44,"end_offset":571}}],"usage":null}"""),
        RawSse.Done
    ];

    /// <summary>
    /// The usage event Azure adds before <c>[DONE]</c> when <c>stream_options.include_usage</c> is true
    /// [constructed from the OpenAI shape with the sample's id].
    /// </summary>
    public static string UsageEvent { get; } = RawSse.Data("""{"id":"chatcmpl-7rCNsVeZy0PGnX3H6jK8STps5nZUY","object":"chat.completion.chunk","created":1692913344,"model":"gpt-35-turbo","choices":[],"usage":{"completion_tokens":3,"prompt_tokens":14,"total_tokens":17}}""");

    /// <summary>
    /// §2.3 "blocked by filters" sample: the output filter stops the stream with <c>finish_reason: "content_filter"</c> on an
    /// annotation event, HTTP status still 200. The doc's line break inside <c>"gpt-35-turbo"</c> is a rendering artifact and
    /// is joined here.
    /// </summary>
    public static IReadOnlyList<string> BlockedStream { get; } =
    [
        RawSse.Data("""{"id":"","object":"","created":0,"model":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}],"choices":[],"usage":null}"""),
        RawSse.Data("""{"id":"chatcmpl-8JCbt5d4luUIhYCI7YH4dQK7hnHx2","object":"chat.completion.chunk","created":1699587397,"model":"gpt-35-turbo","choices":[{"index":0,"finish_reason":null,"delta":{"role":"assistant"}}],"usage":null}"""),
        RawSse.Data("""{"id":"chatcmpl-8JCbt5d4luUIhYCI7YH4dQK7hnHx2","object":"chat.completion.chunk","created":1699587397,"model":"gpt-35-turbo","choices":[{"index":0,"finish_reason":null,"delta":{"content":"Hey"}}],"usage":null}"""),
        RawSse.Data("""{"id":"chatcmpl-8JCbt5d4luUIhYCI7YH4dQK7hnHx2","object":"chat.completion.chunk","created":1699587397,"model":"gpt-35-turbo","choices":[{"index":0,"finish_reason":null,"delta":{"content":" Jude"}}],"usage":null}"""),
        RawSse.Data("""{"id":"chatcmpl-8JCbt5d4luUIhYCI7YH4dQK7hnHx2","object":"chat.completion.chunk","created":1699587397,"model":"gpt-35-turbo","choices":[{"index":0,"finish_reason":null,"delta":{"content":","}}],"usage":null}"""),
        RawSse.Data("""{"id":"chatcmpl-8JCbt5d4luUIhYCI7YH4dQK7hnHx2","object":"chat.completion.chunk","created":1699587397,"model":"gpt-35-turbo","choices":[{"index":0,"finish_reason":null,"delta":{"content":" better"}}],"usage":null}"""),
        RawSse.Data("""{"id":"","object":"","created":0,"model":"","choices":[{"index":0,"finish_reason":null,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"content_filter_offsets":{"check_offset":65,"start_offset":65,"end_offset":1056}}],"usage":null}"""),
        RawSse.Data("""{"id":"","object":"","created":0,"model":"","choices":[{"index":0,"finish_reason":"content_filter","content_filter_results":{"protected_material_text":{"detected":true,"filtered":true}},"content_filter_offsets":{"check_offset":65,"start_offset":65,"end_offset":1056}}],"usage":null}"""),
        RawSse.Done
    ];

    /// <summary>429 with the §2.5 body, observed headers and <c>retry-after</c>.</summary>
    public static StubResponse RateLimited(int retryAfterSeconds = 2) =>
        StubResponse.Json(
            429,
            RateLimitError,
            ("content-type", "application/json; charset=UTF-8"),
            ("retry-after", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("apim-request-id", "3d37de60-f6c3-4ced-a637-92bc9d16d8b5"),
            ("x-ms-region", "North Central US"),
            ("x-ratelimit-limit-requests", "8"),
            ("x-ratelimit-limit-tokens", "8000"),
            ("x-ratelimit-remaining-requests", "7"),
            ("x-ratelimit-remaining-tokens", "1014"));

    /// <summary>400 for a prompt the content filter blocks.</summary>
    public static StubResponse ContentFiltered() => StubResponse.Json(400, ContentFilterError);
}
