using System.Text.Json.Serialization;

namespace Gateway.Tools;

/// <summary>Source-generated serialization of the tools endpoints' answers.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ToolList))]
internal sealed partial class ToolsJsonContext : JsonSerializerContext;
