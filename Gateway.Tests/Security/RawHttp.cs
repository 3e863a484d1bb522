using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests.Security;

/// <summary>Sends bytes no HTTP client would send (broken header lines, control characters) and reads what comes back.</summary>
internal static class RawHttp
{
    /// <summary>Writes <paramref name="request"/> as Latin-1 bytes and returns the whole answer (the server closes after it).</summary>
    public static async Task<string> SendAsync(string baseUrl, string request)
    {
        var uri = new Uri(baseUrl);
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var answer = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset after the answer still leaves the answer.
        }

        return Encoding.UTF8.GetString(answer.ToArray());
    }

    /// <summary>The status code of a raw answer (<c>HTTP/1.1 400 Bad Request</c> → 400), or 0 when there is none.</summary>
    public static int Status(string answer) =>
        answer.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(answer.AsSpan(9, 3), out var status) ? status : 0;
}
