using Gateway.Configuration;

namespace Gateway.Routing;

/// <summary>The backend and model a chat request would go to first, found without building its plan.</summary>
internal sealed partial class RouteResolver
{
    /// <summary>
    /// What <see cref="ResolveChat"/> would try first for <paramref name="model"/> (aliases, the <c>claude-*</c> check and
    /// <paramref name="backendOverride"/> included), without taking a turn of any pool's round-robin: a request that only asks about a
    /// prompt (<c>count_tokens</c>) must not move the next real request to another endpoint.
    /// </summary>
    public RouteError? FirstTarget(string model, string? backendOverride, out ChatTarget target)
    {
        target = default;
        if (string.IsNullOrWhiteSpace(model))
        {
            return RouteErrors.EmptyModel();
        }

        var alias = AliasFor(model.Trim(), backendOverride);
        if (SelectChat(alias?.Target ?? model.Trim(), backendOverride, out var selection) is { } error)
        {
            return error;
        }

        var served = selection.Backend.Kind == BackendKind.Azure
            ? FirstOf(AzurePool(selection.Backend, selection.Term, embeddings: false))
            : FirstOf(EndpointPool(selection.Backend, selection.Term, selection.Key));
        target = new ChatTarget(selection.Backend, served, alias);
        return null;
    }

    private static string FirstOf((string PoolKey, IReadOnlyList<PoolEndpoint> Members, string Model) pool) =>
        pool.Members.Count > 0 && pool.Members[0].Model is { } model ? model : pool.Model;
}

/// <summary>A backend and the model sent to it; <see cref="Alias"/> is the entry of <c>llm.model_aliases</c> that led there, if any.</summary>
internal readonly record struct ChatTarget(BackendConfig Backend, string Model, ModelAlias? Alias);
