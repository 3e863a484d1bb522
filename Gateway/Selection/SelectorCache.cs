using System.Runtime.CompilerServices;
using Gateway.Configuration;

namespace Gateway.Selection;

/// <summary>
/// One <see cref="ModelSelector"/> per config snapshot, built on first use and dropped with its snapshot, so the catalogue is built once
/// per loaded config rather than per request.
/// </summary>
internal sealed class SelectorCache
{
    private readonly ConditionalWeakTable<GatewayConfig, ModelSelector> _selectors = [];

    public ModelSelector For(GatewayConfig config) => _selectors.GetValue(config, static c => new ModelSelector(c));
}
