using System.Text;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Selection;

/// <summary>
/// <c>model: "auto"</c> on chat: the selector reads the last user message (directives such as "use claude" included) and the request is
/// served by its top pick, the next picks forming the fallback plan. <c>x-gateway-backend</c> limits the picks to that backend.
/// </summary>
internal static class AutoRoute
{
    public const string Model = "auto";

    /// <summary>How many picks make the plan: the chosen model and two fallbacks.</summary>
    public const int Picks = 3;

    /// <summary>True when <paramref name="model"/> is <c>auto</c> and no backend has a model key or model of that name.</summary>
    public static bool Applies(string model, GatewayConfig config)
    {
        if (!string.Equals(model.Trim(), Model, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var backend in config.Llm.Backends.Values)
        {
            if (ModelCatalog.HasKey(backend, Model) || ModelCatalog.Lists(backend, Model))
            {
                return false;
            }
        }

        return true;
    }

    public static RouteResult Resolve(ChatRequest request, SelectorCache selectors, GatewayConfig config, RouteResolver resolver, string? backendOverride)
    {
        var selector = selectors.For(config);
        var llm = config.Llm;
        if (!selector.Enabled)
        {
            return RouteResult.Fail(new RouteError(
                "selector_disabled",
                "Model 'auto' asks the model selector to choose, and it is turned off (model_selector.enabled: false); name a model or model key instead. List models with GET /v1/models.",
                RouteErrors.ModelParam,
                400));
        }

        var constraints = SelectionConstraints.None;
        if (backendOverride is not null)
        {
            BackendChain.TryCanonicalName(backendOverride, out var canonical);
            if (!llm.Backends.ContainsKey(canonical))
            {
                return RouteResult.Fail(RouteErrors.BackendNotFound(canonical, RouteErrors.BackendHeader, llm));
            }

            constraints = new SelectionConstraints { Backends = [canonical] };
        }

        var outcome = selector.Select(new SelectionQuery { Text = LastUserText(request.Messages), TopK = Picks, Constraints = constraints });
        if (!outcome.IsSuccess)
        {
            return RouteResult.Fail(new RouteError("no_model_selected", $"Model 'auto' could not choose a model: {outcome.Failure}", RouteErrors.ModelParam, 422));
        }

        selectors.LogAutoChoice(outcome);
        var picks = new (string Backend, string Model)[outcome.Recommendations.Count];
        for (var i = 0; i < picks.Length; i++)
        {
            picks[i] = (outcome.Recommendations[i].Profile.Backend, outcome.Recommendations[i].Profile.Model);
        }

        return resolver.ResolvePicks(request.Model, picks);
    }

    /// <summary>The text of the last <c>user</c> message: its string content, or its text parts joined by spaces; empty when there is none.</summary>
    public static string LastUserText(JsonElement messages)
    {
        for (var i = messages.GetArrayLength() - 1; i >= 0; i--)
        {
            var message = messages[i];
            if (!message.TryGetProperty("role", out var role) || role.GetString() != "user" || !message.TryGetProperty("content", out var content))
            {
                continue;
            }

            if (content.ValueKind == JsonValueKind.String)
            {
                return content.GetString()!;
            }

            var text = new StringBuilder();
            if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var partText) && partText.ValueKind == JsonValueKind.String)
                    {
                        text.Append(text.Length > 0 ? " " : "").Append(partText.GetString());
                    }
                }
            }

            return text.ToString();
        }

        return "";
    }
}
