namespace Gateway.Configuration;

/// <summary>One <c>key: value</c> pair of a mapping, with both nodes so errors can point at either.</summary>
internal sealed record ConfigEntry(string Key, ConfigNode KeyNode, ConfigNode Value);
