namespace Gateway.Api.OpenApi;

internal static partial class Examples
{
    private const string UnknownTool = """
        {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Not Found","status":404,"detail":"Unknown tool 'translater' (did you mean 'translator'?). Tools: translator, summarizer. List them with GET /tools.","tools":["translator","summarizer"]}
        """;

    /// <summary>The tools endpoints and the model selector: what the README shows, as the API document's examples.</summary>
    private static Dictionary<string, Operation> ToolOperations() => new(StringComparer.Ordinal)
    {
        [ExampleNames.ListTools] = new(null, new Dictionary<string, string>
        {
            ["200"] = """
                {"tools":[{"name":"translator","description":"Translates text","type":"llm","backend":"anthropic","model":"claude-3-5-sonnet-20241022","model_key":"writer","input_variables":["language","input"],"fallbacks":["ollama/mistral-nemo"]}]}
                """,
        }),
        [ExampleNames.InvokeTool] = new(
            """{"input":"Good morning","variables":{"language":"French"},"stream":false}""",
            new Dictionary<string, string>
            {
                ["200"] = """
                    {"tool":"translator","backend":"anthropic","model":"claude-3-5-sonnet-20241022","output":"Bonjour","usage":{"prompt_tokens":21,"completion_tokens":3,"total_tokens":24},"attempts":1,"finish_reason":"stop"}
                    """,
                ["400"] = """
                    {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,"detail":"Variable 'language' is missing: tool 'translator' fills {language} in its prompt template; send \"variables\": {\"language\": \"...\"}. The tool's variables are listed by GET /tools.","errors":{"variables.language":["Variable 'language' is missing: tool 'translator' fills {language} in its prompt template; send \"variables\": {\"language\": \"...\"}. The tool's variables are listed by GET /tools."]}}
                    """,
                ["404"] = UnknownTool,
            },
            """
            data: {"id":"chatcmpl-4b2c","object":"chat.completion.chunk","created":1733000000,"model":"claude-3-5-sonnet-20241022","choices":[{"index":0,"delta":{"role":"assistant","content":"Bonjour"},"finish_reason":null}]}

            data: {"id":"chatcmpl-4b2c","object":"chat.completion.chunk","created":1733000000,"model":"claude-3-5-sonnet-20241022","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

            data: {"id":"chatcmpl-4b2c","object":"chat.completion.chunk","created":1733000000,"model":"claude-3-5-sonnet-20241022","choices":[],"usage":{"prompt_tokens":21,"completion_tokens":3,"total_tokens":24}}

            data: [DONE]


            """),
        [ExampleNames.SelectModel] = new(
            """{"task_description":"Generate complex Python code with type hints","constraints":{"max_cost":"medium"},"top_k":1}""",
            new Dictionary<string, string>
            {
                ["200"] = """
                    {"query":"Generate complex Python code with type hints","interpreted":{"backend":null,"model":null,"local":false,"needs":["code","reasoning"],"directives":[]},"weights":{"context_window":30,"speed":25,"cost":15,"quality":15,"specialization":15},"catalogue_size":16,"considered":10,"recommendations":[{"rank":1,"backend":"ollama","model":"qwen2.5-coder:14b","model_key":"generator","score":75,"breakdown":{"context_window":30,"speed":12.5,"cost":15,"quality":10,"specialization":7.5},"traits":{"context_window":131072,"speed":"medium","cost":"free","quality":"good","specializations":["code-generation","debugging","refactoring"]},"reasoning":"ollama/qwen2.5-coder:14b (model key 'generator'); scores 75 of 100: medium speed, good quality, free cost, 131072 tokens of context."}],"notes":[]}
                    """,
                ["400"] = """
                    {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,"detail":"'top_k' must be a whole number from 1 to 100, not the number 0.","errors":{"top_k":["'top_k' must be a whole number from 1 to 100, not the number 0."]}}
                    """,
                ["422"] = """
                    {"type":"https://tools.ietf.org/html/rfc4918#section-11.2","title":"Unprocessable Entity","status":422,"detail":"No model meets the constraints: of 16 models in the catalogue, backends openai kept 4, then max_cost free kept 0; the cheapest of them is low. Loosen that constraint."}
                    """,
            }),
    };
}
