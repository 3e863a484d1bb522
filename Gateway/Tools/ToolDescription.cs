using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Tools;

/// <summary>One entry of <c>GET /tools</c>: what the tool is for, where it runs, and what an invocation must send.</summary>
internal sealed record ToolDescription(
    string Name,
    string? Description,
    string Type,
    string? Backend,
    string? Model,
    string? ModelKey,
    IReadOnlyList<string> InputVariables,
    IReadOnlyList<string> Fallbacks,
    string? Problem)
{
    /// <summary>
    /// Describes every tool of <paramref name="config"/> as a request would resolve it, without advancing any round-robin counter
    /// (a resolver over fresh pools does the resolving).
    /// </summary>
    public static ToolDescription[] All(GatewayConfig config)
    {
        var resolver = new RouteResolver(config, new EndpointPools());
        var tools = new ToolDescription[config.Tools.Count];
        var i = 0;
        foreach (var tool in config.Tools.Values)
        {
            tools[i++] = Describe(tool, resolver.ResolveTool(tool));
        }

        return tools;
    }

    private static ToolDescription Describe(ToolConfig tool, RouteResult route)
    {
        var variables = ToolChatRequest.TemplateOf(tool).Variables;
        if (route.Plan is not { Candidates: [var first, ..] } plan)
        {
            return new ToolDescription(tool.Name, tool.Description, tool.Type, null, null, null, variables, [], route.Error?.Message);
        }

        var fallbacks = new List<string>();
        foreach (var candidate in plan.Candidates)
        {
            var id = $"{candidate.Backend.Name}/{candidate.Model}";
            if (candidate.Backend.Name != first.Backend.Name && !fallbacks.Contains(id))
            {
                fallbacks.Add(id);
            }
        }

        return new ToolDescription(tool.Name, tool.Description, tool.Type, first.Backend.Name, first.Model, first.ModelKey, variables, fallbacks, null);
    }
}

/// <summary>The body of <c>GET /tools</c>.</summary>
internal sealed record ToolList(IReadOnlyList<ToolDescription> Tools);
