namespace Gateway.Tests.Backends.Ollama;

/// <summary>Verbatim payloads from <c>shared/reference/wire-formats.md</c> §4 (sources named there).</summary>
internal static class OllamaFixtures
{
    /// <summary>§4.3: docs/api.md non-streamed chat answer.</summary>
    public const string ChatAnswer =
"""
{
  "model": "llama3.2",
  "created_at": "2023-12-12T14:13:43.416799Z",
  "message": {
    "role": "assistant",
    "content": "Hello! How are you today?"
  },
  "done": true,
  "total_duration": 5191566416,
  "load_duration": 2154458,
  "prompt_eval_count": 26,
  "prompt_eval_duration": 383809000,
  "eval_count": 298,
  "eval_duration": 4799921000
}
""";

    /// <summary>§4.4: the docs' streamed chat as wire-exact NDJSON lines [constructed by the reference from docs/api.md].</summary>
    public const string ChatStream =
"""
{"model":"llama3.2","created_at":"2023-08-04T08:52:19.385406455-07:00","message":{"role":"assistant","content":"The"},"done":false}
{"model":"llama3.2","created_at":"2023-08-04T19:22:45.499127Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":4883583458,"load_duration":1334875,"prompt_eval_count":26,"prompt_eval_duration":342546000,"eval_count":282,"eval_duration":4535599000}
""";

    /// <summary>§4.5: the error line sent inside a stream that already answered 200 (docs/api/errors.mdx).</summary>
    public const string MidStreamErrorLine =
"""
{"error":"an error was encountered while running the model"}
""";

    /// <summary>§4.5: 404 body for a model that does not exist (server/routes.go).</summary>
    public const string ModelNotFound =
"""
{"error":"model 'llama9' not found"}
""";

    /// <summary>§4.7: docs/api.md <c>/api/embed</c> answer.</summary>
    public const string Embed =
"""
{
  "model": "all-minilm",
  "embeddings": [
    [
      0.010071029, -0.0017594862, 0.05007221, 0.04692972, 0.054916814,
      0.008599704, 0.105441414, -0.025878139, 0.12958129, 0.031952348
    ]
  ],
  "total_duration": 14143917,
  "load_duration": 1019500,
  "prompt_eval_count": 8
}
""";

    /// <summary>§4.8: docs/api.md chat request with tools (the body of the curl example).</summary>
    public const string ToolCallRequest =
"""
{
  "model": "llama3.2",
  "messages": [
    {
      "role": "user",
      "content": "what is the weather in tokyo?"
    }
  ],
  "tools": [
    {
      "type": "function",
      "function": {
        "name": "get_weather",
        "description": "Get the weather in a given city",
        "parameters": {
          "type": "object",
          "properties": {
            "city": {
              "type": "string",
              "description": "The city to get the weather for"
            }
          },
          "required": ["city"]
        }
      }
    }
  ],
  "stream": false
}
""";

    /// <summary>§4.8: docs/api.md non-streamed answer with a tool call (arguments an object, no id).</summary>
    public const string ToolCallAnswer =
"""
{
  "model": "llama3.2",
  "created_at": "2025-07-07T20:32:53.844124Z",
  "message": {
    "role": "assistant",
    "content": "",
    "tool_calls": [
      {
        "function": {
          "name": "get_weather",
          "arguments": {
            "city": "Tokyo"
          }
        }
      }
    ]
  },
  "done_reason": "stop",
  "done": true,
  "total_duration": 3244883583,
  "load_duration": 2969184542,
  "prompt_eval_count": 169,
  "prompt_eval_duration": 141656333,
  "eval_count": 18,
  "eval_duration": 133293625
}
""";

    /// <summary>§4.8: docs/api.md streamed answer with a tool call, each object compacted to the one line it is on the wire.</summary>
    public const string ToolCallStream =
"""
{"model":"llama3.2","created_at":"2025-07-07T20:22:19.184789Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Tokyo"}}}]},"done":false}
{"model":"llama3.2","created_at":"2025-07-07T20:22:19.19314Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":182242375,"load_duration":41295167,"prompt_eval_count":169,"prompt_eval_duration":24573166,"eval_count":15,"eval_duration":115959084}
""";
}
