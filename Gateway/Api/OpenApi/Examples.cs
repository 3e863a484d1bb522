namespace Gateway.Api.OpenApi;

/// <summary>The examples shown in the API document, by endpoint name.</summary>
internal static partial class Examples
{
    public sealed record Operation(string? Request, IReadOnlyDictionary<string, string> Responses, string? Stream = null);

    private const string ModelNotFound = """
        {"error":{"message":"The model 'gpt-5-ultra' is not served by this gateway. List the models with GET /v1/models.","type":"invalid_request_error","param":"model","code":"model_not_found"}}
        """;

    private const string BadRequest = """
        {"error":{"message":"'messages[0].role' is 'wizard'; valid roles: system, developer, user, assistant, tool.","type":"invalid_request_error","param":"messages[0].role","code":"invalid_request"}}
        """;

    private const string Unavailable = """
        {"error":{"message":"All 2 attempts failed:\n- ollama http://localhost:11434 (qwen2.5-coder:14b): connection refused after 2 ms\n- openai https://api.openai.com/v1 (gpt-4o): HTTP 503: The engine is currently overloaded after 412 ms","type":"server_error","param":null,"code":"upstream_unavailable"}}
        """;

    private const string MissingKey = """
        {"error":{"message":"No API key provided for backend 'openai': set OPENAI_API_KEY or llm.openai.api_key","type":"authentication_error","param":"model","code":"missing_api_key"}}
        """;

    public static IReadOnlyDictionary<string, Operation> Operations { get; } = new Dictionary<string, Operation>(ToolOperations(), StringComparer.Ordinal)
    {
        [ExampleFilter.ChatCompletions] = new(
            """{"model":"generator","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Write a haiku about gateways"}],"temperature":0.7}""",
            new Dictionary<string, string>
            {
                ["200"] = """
                    {"id":"chatcmpl-9x8f","object":"chat.completion","created":1733000000,"model":"qwen2.5-coder:14b","choices":[{"index":0,"message":{"role":"assistant","content":"One door, many roads"},"finish_reason":"stop"}],"usage":{"prompt_tokens":24,"completion_tokens":6,"total_tokens":30}}
                    """,
                ["400"] = BadRequest,
                ["401"] = MissingKey,
                ["404"] = ModelNotFound,
                ["503"] = Unavailable,
            },
            """
            data: {"id":"chatcmpl-9x8f","object":"chat.completion.chunk","created":1733000000,"model":"qwen2.5-coder:14b","choices":[{"index":0,"delta":{"role":"assistant","content":"One"},"finish_reason":null}]}

            data: {"id":"chatcmpl-9x8f","object":"chat.completion.chunk","created":1733000000,"model":"qwen2.5-coder:14b","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

            data: [DONE]


            """),
        [ExampleFilter.Embeddings] = new(
            """{"model":"nomic-embed-text","input":["first text","second text"]}""",
            new Dictionary<string, string>
            {
                ["200"] = """
                    {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0123,-0.0456,0.0789]},{"object":"embedding","index":1,"embedding":[0.0321,0.0654,-0.0987]}],"model":"nomic-embed-text","usage":{"prompt_tokens":4,"total_tokens":4}}
                    """,
                ["400"] = """
                    {"error":{"message":"Missing required parameter: 'input' (a string or an array of strings).","type":"invalid_request_error","param":"input","code":"invalid_request"}}
                    """,
                ["503"] = Unavailable,
            }),
        [ExampleFilter.ListModels] = new(null, new Dictionary<string, string>
        {
            ["200"] = """
                {"object":"list","data":[{"id":"generator","object":"model","created":1733000000,"owned_by":"ollama"},{"id":"ollama/qwen2.5-coder:14b","object":"model","created":1733000000,"owned_by":"ollama"}]}
                """,
        }),
        [ExampleFilter.GetModel] = new(null, new Dictionary<string, string>
        {
            ["200"] = """{"id":"ollama/llama3","object":"model","created":1733000000,"owned_by":"ollama"}""",
            ["404"] = ModelNotFound,
        }),
        [ExampleNames.CountTokens] = new(
            """{"model":"claude-sonnet-4-5","system":"You are a scientist","messages":[{"role":"user","content":"Hello, Claude"}]}""",
            new Dictionary<string, string> { ["200"] = """{"input_tokens":14}""" }),
        [ExampleFilter.Liveness] = new(null, new Dictionary<string, string> { ["200"] = """{"status":"ok"}""" }),
        [ExampleFilter.Readiness] = new(null, new Dictionary<string, string>
        {
            ["200"] = """{"status":"ready","config_version":"3f2a9c1b0d4e"}""",
            ["503"] = """{"status":"stopping","config_version":"3f2a9c1b0d4e"}""",
        }),
        [ExampleFilter.BackendHealth] = new(null, new Dictionary<string, string>
        {
            ["200"] = """
                {"status":"ready","default_backend":"ollama","backends":[{"name":"ollama","ready":true,"api_key":"not needed","endpoints":[{"url":"http://localhost:11434","reachable":true,"status":200,"latency_ms":3}]}]}
                """,
        }),
        [ExampleFilter.Usage] = new(null, new Dictionary<string, string>
        {
            ["200"] = """
                {"since":"2025-01-01T12:00:00+00:00",
                 "totals":{"requests":3,"failures":1,"prompt_tokens":120,"completion_tokens":45,"cost_usd":0.00075,"estimated_requests":0,"unpriced_requests":0},
                 "by_backend":{"ollama":{"requests":2,"failures":1,"prompt_tokens":40,"completion_tokens":15,"cost_usd":0,"estimated_requests":0,"unpriced_requests":0},
                               "openai":{"requests":2,"failures":0,"prompt_tokens":80,"completion_tokens":30,"cost_usd":0.00075,"estimated_requests":0,"unpriced_requests":0}},
                 "by_model":{"openai/gpt-4o":{"requests":2,"failures":0,"prompt_tokens":80,"completion_tokens":30,"cost_usd":0.00075,"estimated_requests":0,"unpriced_requests":0}},
                 "by_model_key":{"generator":{"requests":3,"failures":1,"prompt_tokens":120,"completion_tokens":45,"cost_usd":0.00075,"estimated_requests":0,"unpriced_requests":0}},
                 "by_tool":{}}
                """,
        }),
    };
}
