using System.Text.Json.Serialization;

namespace Gateway.Accounting;

/// <summary>Source-generated serialization of the usage report.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(UsageReport))]
internal sealed partial class UsageJsonContext : JsonSerializerContext;
