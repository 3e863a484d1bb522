using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.Backends;

/// <summary>
/// How the gateway writes JSON on the wire: escaping only what JSON requires, as OpenAI and the other providers do, so text such as
/// <c>it's &lt;b&gt;</c> stays readable (and short) instead of becoming <c>\u0027</c> sequences. The output is consumed as JSON, never inlined in HTML.
/// </summary>
internal static class WireJson
{
    public static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
