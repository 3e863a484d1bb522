namespace Gateway.Tests.Security.Fuzz;

/// <summary>
/// Draws requests for every endpoint: mostly mutated chat and embeddings bodies, also wrong methods, odd paths, missing or wrong keys
/// and hostile <c>x-gateway-backend</c> values.
/// </summary>
internal static class FuzzCaseGenerator
{
    private static readonly string[] Backends = ["ollama", "openai", "anthropic", "azure", "lmstudio", "nope", "", "OLLAMA", "ollama\u0001", "ö", "ollama/x"];

    private static readonly (string Method, string Path)[] OtherRequests =
    [
        ("GET", "/v1/models"), ("GET", "/v1/models/generator"), ("GET", "/v1/models/ollama%2Fllama3.2"), ("GET", "/v1/models/%ff%fe%01"),
        ("GET", "/v1/models/..%2F..%2Fetc"), ("GET", "/health"), ("HEAD", "/health"), ("GET", "/v1/chat/completions"), ("PUT", "/v1/embeddings"),
        ("DELETE", "/v1/models"), ("GET", "/v1/%2e%2e/health"), ("GET", "/v1/unknown"), ("POST", "/v1/completions"), ("GET", "/x/../health"),
        ("OPTIONS", "/v1/chat/completions"), ("GET", "/health/ready"), ("GET", "/v1/models/" + new string('m', 3000)),
    ];

    public static FuzzCase Next(Random random, string key)
    {
        var headers = new List<(string, string)>();
        switch (random.Next(20))
        {
            case 0:
                break;
            case 1:
                headers.Add(("Authorization", "Bearer " + key[..^1]));
                break;
            case 2:
                headers.Add(("x-api-key", key));
                break;
            default:
                headers.Add(("Authorization", "Bearer " + key));
                break;
        }

        if (random.Next(8) == 0)
        {
            headers.Add(("x-gateway-backend", Backends[random.Next(Backends.Length)]));
        }

        var pick = random.Next(10);
        if (pick == 0)
        {
            var (method, path) = OtherRequests[random.Next(OtherRequests.Length)];
            return new FuzzCase(method, path, headers, null, ["other endpoint"]);
        }

        var chat = pick > 2;
        var seeds = chat ? FuzzSeeds.Chat : FuzzSeeds.Embeddings;
        var mutator = new JsonMutator(random);
        var body = random.Next(12) == 0 ? System.Text.Encoding.UTF8.GetBytes(seeds[random.Next(seeds.Length)]) : mutator.Mutate(seeds[random.Next(seeds.Length)]);
        return new FuzzCase("POST", chat ? "/v1/chat/completions" : "/v1/embeddings", headers, body, mutator.Steps.Count == 0 ? ["unchanged"] : mutator.Steps);
    }
}
