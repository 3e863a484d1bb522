namespace Gateway.Tests.Security.Fuzz;

/// <summary>Valid requests the fuzzer starts from: every feature of the request surface appears in at least one.</summary>
internal static class FuzzSeeds
{
    public static readonly string[] Chat =
    [
        """{"model":"generator","messages":[{"role":"user","content":"hi"}]}""",
        """{"model":"ollama/generator","stream":true,"stream_options":{"include_usage":true},"temperature":0.5,"max_tokens":50,"messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hi"}]}""",
        """{"model":"anthropic/generator","max_completion_tokens":64,"messages":[{"role":"developer","content":"json only"},{"role":"user","content":"hi"}],"response_format":{"type":"json_object"},"stop":["\n\n"]}""",
        """{"model":"openai/generator","messages":[{"role":"user","content":"weather?"}],"tool_choice":"auto","parallel_tool_calls":false,"tools":[{"type":"function","function":{"name":"get_weather","description":"d","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]}""",
        """{"model":"azure/generator","messages":[{"role":"user","content":"weather?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},{"role":"tool","tool_call_id":"call_1","content":"sunny"}],"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{}}}}],"tool_choice":{"type":"function","function":{"name":"get_weather"}}}""",
        """{"model":"lmstudio/generator","stream":true,"messages":[{"role":"user","content":[{"type":"text","text":"what is this?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"low"}}]}]}""",
        """{"model":"anthropic/generator","stream":true,"messages":[{"role":"system","content":[{"type":"text","text":"sys"}]},{"role":"user","content":"a"},{"role":"assistant","content":"b"},{"role":"user","content":"c"}],"user":"u-1","n":1,"seed":7}""",
    ];

    public static readonly string[] Embeddings =
    [
        """{"model":"nomic-embed-text","input":"hi"}""",
        """{"input":["a","b","c"]}""",
        """{"model":"ollama/nomic-embed-text","input":"x","encoding_format":"base64"}""",
        """{"model":"openai/text-embedding-3-small","input":"x","dimensions":8}""",
    ];
}
