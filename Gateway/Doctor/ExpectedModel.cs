namespace Gateway.Doctor;

/// <summary>A model the config says one endpoint serves, with every role it is configured under there.</summary>
/// <param name="Name">The model name as the gateway sends it upstream (<c>qwen2.5-coder:14b</c>).</param>
/// <param name="Roles">The <c>models</c> keys naming it (<c>generator</c>), and <c>embedding_model</c> when it is that.</param>
internal sealed record ExpectedModel(string Name, IReadOnlyList<string> Roles)
{
    public const string EmbeddingRole = "embedding_model";

    /// <summary><c>qwen2.5-coder:14b (generator, coder)</c>.</summary>
    public string Label => $"{Name} ({string.Join(", ", Roles)})";

    /// <summary>Where the config names this model: <c>llm.ollama.models.generator</c>, <c>llm.ollama.embedding_model</c>.</summary>
    public string ConfigPaths(string backend) =>
        string.Join(" / ", Roles.Select(role => role == EmbeddingRole ? $"llm.{backend}.{EmbeddingRole}" : $"llm.{backend}.models.{role}"));
}
