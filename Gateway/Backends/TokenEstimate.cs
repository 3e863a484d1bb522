namespace Gateway.Backends;

/// <summary>
/// The one heuristic for tokens no tokenizer counted: a token per four bytes of UTF-8 text, rounded up. Rate limits charge a request
/// its body by it, usage accounting estimates an answer the upstream reported no usage for by it, and context fit falls back to it
/// for models without a known encoding.
/// </summary>
internal static class TokenEstimate
{
    public const int BytesPerToken = 4;

    public static long FromBytes(long bytes) => bytes <= 0 ? 0 : (bytes + BytesPerToken - 1) / BytesPerToken;

    public static int FromBytes(int bytes) => (int)FromBytes((long)bytes);
}
