using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Tests.Parity;

/// <summary>Reading request bodies in assertions: a path of property names and array indexes.</summary>
internal static class JsonAssert
{
    /// <summary>The element at <paramref name="path"/> (strings are property names, ints array indexes); fails naming the missing step.</summary>
    public static JsonElement At(this JsonElement element, params object[] path)
    {
        var current = element;
        var walked = "$";
        foreach (var step in path)
        {
            walked += step is int i ? $"[{i}]" : $".{step}";
            current = step switch
            {
                int index when current.ValueKind == JsonValueKind.Array && index < current.GetArrayLength() => current[index],
                string name when current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out var child) => child,
                _ => throw new Xunit.Sdk.XunitException($"{walked} is missing in {element.GetRawText()}"),
            };
        }

        return current;
    }

    public static string Text(this JsonElement element, params object[] path) =>
        element.At(path).GetString() ?? throw new Xunit.Sdk.XunitException($"{string.Join('.', path)} is null");

    public static bool Has(this JsonElement element, string property) => element.TryGetProperty(property, out _);

    /// <summary>Two JSON texts hold the same value, whatever their whitespace or escaping.</summary>
    public static void SameJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected JSON {expected} but got {actual}");
}
