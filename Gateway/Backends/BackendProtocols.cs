using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Backends;

/// <summary>The table of wire protocols by backend kind, built once from every registered <see cref="IBackendProtocol"/>.</summary>
internal sealed class BackendProtocols
{
    private readonly Dictionary<BackendKind, IBackendProtocol> _byKind = [];

    public BackendProtocols(IEnumerable<IBackendProtocol> protocols)
    {
        foreach (var protocol in protocols)
        {
            if (protocol is not IChatProtocol)
            {
                throw new InvalidOperationException($"{protocol.GetType().Name} has no chat; every backend protocol must implement {nameof(IChatProtocol)}.");
            }

            foreach (var kind in protocol.Kinds)
            {
                if (!_byKind.TryAdd(kind, protocol))
                {
                    throw new InvalidOperationException(
                        $"Backend kind '{kind}' is served by both {_byKind[kind].GetType().Name} and {protocol.GetType().Name}; register one protocol per kind.");
                }
            }
        }
    }

    /// <summary>The chat of the protocol that speaks to backends of <paramref name="kind"/>; every protocol has one.</summary>
    public IChatProtocol Chat(BackendKind kind) => (IChatProtocol)For(kind);

    /// <summary>
    /// The chat that serves <paramref name="request"/> on <paramref name="kind"/>: the backend's native chat for a request in a protocol
    /// the backend speaks itself (Anthropic Messages to Anthropic), else its translating one.
    /// </summary>
    public IChatProtocol ChatFor(BackendKind kind, ChatRequest request)
    {
        var chat = Chat(kind);
        return request.Native is { } native && chat.NativeChat(native.Protocol, kind) is { } same ? same : chat;
    }

    /// <summary>
    /// The upstream chat request for <paramref name="request"/> on <paramref name="candidate"/>: the client's own body for a backend of
    /// its protocol (as sent), else the translation, with a token limit above the model's <c>max_output_tokens</c> lowered to it.
    /// </summary>
    public HttpRequestMessage CreateChatRequest(ChatRequest request, Candidate candidate)
    {
        var translating = Chat(candidate.Backend.Kind);
        if (request.Native is { } native && translating.NativeChat(native.Protocol, candidate.Backend.Kind) is { } same)
        {
            return same.CreateChatRequest(request, candidate);
        }

        using var limited = OutputLimit.For(request, candidate);
        return translating.CreateChatRequest(limited ?? request, candidate);
    }

    /// <summary>True when backends of <paramref name="kind"/> speak the client's <paramref name="protocol"/> themselves.</summary>
    public bool SpeaksNatively(BackendKind kind, string protocol) => Chat(kind).NativeChat(protocol, kind) is not null;

    /// <summary>The embeddings API of backends of <paramref name="kind"/>, or null when their protocol has none.</summary>
    public IEmbeddingsProtocol? Embeddings(BackendKind kind) => For(kind) as IEmbeddingsProtocol;

    /// <summary>The protocol that speaks to backends of <paramref name="kind"/>.</summary>
    public IBackendProtocol For(BackendKind kind)
    {
        if (_byKind.TryGetValue(kind, out var protocol))
        {
            return protocol;
        }

        var registered = _byKind.Count == 0 ? "none" : string.Join(", ", _byKind.Keys.Order());
        throw new InvalidOperationException($"No wire protocol is registered for backend kind '{kind}'; registered kinds: {registered}.");
    }
}
