using Gateway.Configuration;

namespace Gateway.Backends;

/// <summary>The table of wire protocols by backend kind, built once from every registered <see cref="IBackendProtocol"/>.</summary>
internal sealed class BackendProtocols
{
    private readonly Dictionary<BackendKind, IBackendProtocol> _byKind = [];

    public BackendProtocols(IEnumerable<IBackendProtocol> protocols)
    {
        foreach (var protocol in protocols)
        {
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
