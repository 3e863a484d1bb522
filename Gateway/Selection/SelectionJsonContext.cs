using System.Text.Json.Serialization;

namespace Gateway.Selection;

/// <summary>Source-generated serialization of the selector's answers.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SelectionAnswer))]
internal sealed partial class SelectionJsonContext : JsonSerializerContext;
