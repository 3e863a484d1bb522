using Gateway.Configuration;

namespace Gateway.Doctor;

/// <summary>Collects one backend's endpoint targets, one per distinct (URL, key), keeping the order they were first named in.</summary>
internal sealed class TargetSet(BackendConfig backend)
{
    private readonly List<Draft> _drafts = [];

    public void Add(string url, string? apiKey, string source, string? keySource = null)
    {
        var trimmed = Trim(url);
        if (trimmed.Length == 0)
        {
            return;
        }

        if (Find(trimmed, apiKey) is not { } draft)
        {
            _drafts.Add(draft = new Draft(trimmed, apiKey, keySource));
        }

        if (!draft.Sources.Contains(source))
        {
            draft.Sources.Add(source);
        }
    }

    public void AddModel(string url, string? apiKey, string model, string role)
    {
        if (Find(Trim(url), apiKey) is not { } draft)
        {
            return;
        }

        if (!draft.Models.TryGetValue(model, out var roles))
        {
            draft.Models.Add(model, roles = []);
        }

        if (!roles.Contains(role))
        {
            roles.Add(role);
        }
    }

    public void AddDeployment(string url, string? apiKey, string deployment)
    {
        if (Find(Trim(url), apiKey) is { } draft && !draft.Deployments.Contains(deployment))
        {
            draft.Deployments.Add(deployment);
        }
    }

    public IReadOnlyList<EndpointTarget> Build() =>
    [
        .. _drafts.Select(draft => new EndpointTarget
        {
            Backend = backend,
            Url = draft.Url,
            ApiKey = draft.ApiKey,
            Sources = draft.Sources,
            KeySource = draft.KeySource,
            Models = [.. draft.Models.Select(pair => new ExpectedModel(pair.Key, pair.Value))],
            Deployments = draft.Deployments,
        }),
    ];

    private static string Trim(string url) => url.Trim().TrimEnd('/');

    /// <summary>The draft already made for (<paramref name="url"/>, <paramref name="apiKey"/>), if any.</summary>
    private Draft? Find(string url, string? apiKey)
    {
        foreach (var draft in _drafts)
        {
            if (string.Equals(draft.Url, url, StringComparison.OrdinalIgnoreCase) && string.Equals(draft.ApiKey, apiKey, StringComparison.Ordinal))
            {
                return draft;
            }
        }

        return null;
    }

    private sealed record Draft(string Url, string? ApiKey, string? KeySource)
    {
        public List<string> Sources { get; } = [];
        public OrderedDictionary<string, List<string>> Models { get; } = new(StringComparer.Ordinal);
        public List<string> Deployments { get; } = [];
    }
}
