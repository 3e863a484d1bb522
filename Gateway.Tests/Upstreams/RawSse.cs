namespace Gateway.Tests.Upstreams;

/// <summary>Builds raw server-sent events exactly as the services frame them: one field per line, a blank line after each event.</summary>
internal static class RawSse
{
    /// <summary>The terminator OpenAI-style streams end with.</summary>
    public const string Done = "data: [DONE]\n\n";

    /// <summary>A data-only event (<c>data: {json}</c> + blank line), the OpenAI / Azure / LM Studio framing.</summary>
    public static string Data(string json) => "data: " + json + "\n\n";

    /// <summary>A named event (<c>event: name</c>, <c>data: {json}</c>, blank line), the Anthropic framing.</summary>
    public static string Event(string name, string json) => "event: " + name + "\ndata: " + json + "\n\n";
}
