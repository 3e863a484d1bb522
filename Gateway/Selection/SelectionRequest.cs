using System.Text.Json;
using Gateway.Configuration;
using Gateway.Surfaces;

namespace Gateway.Selection;

/// <summary>
/// Reads the body of <c>POST /select-model</c>: <c>task_description</c> or <c>query</c>, <c>constraints</c> (<c>max_cost</c>,
/// <c>min_speed</c>, <c>min_context</c>, <c>backends</c>), <c>backend_preference</c>, <c>model_preference</c>, <c>top_k</c>.
/// </summary>
internal static class SelectionRequest
{
    public const int MaxTopK = 100;

    private static readonly string[] Fields = ["task_description", "query", "constraints", "backend_preference", "model_preference", "top_k"];
    private static readonly string[] ConstraintFields = ["max_cost", "min_speed", "min_context", "backends"];

    public static bool TryRead(JsonElement root, out SelectionQuery query, out QueryError? error)
    {
        query = new SelectionQuery();
        error = CheckShape(root);
        if (error is not null)
        {
            return false;
        }

        var text = OptionalString(root, "task_description", ref error) ?? OptionalString(root, "query", ref error);
        var backend = OptionalString(root, "backend_preference", ref error) is { } named ? Backend(named, "backend_preference", ref error) : null;
        var model = OptionalString(root, "model_preference", ref error);
        var topK = TopK(root, ref error);
        var constraints = Constraints(root, ref error);
        if (error is not null)
        {
            return false;
        }

        query = new SelectionQuery
        {
            Text = text ?? "",
            BackendPreference = backend,
            ModelPreference = string.IsNullOrWhiteSpace(model) ? null : model.Trim(),
            TopK = topK,
            Constraints = constraints,
        };
        return true;
    }

    private static QueryError? CheckShape(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new QueryError("", $"The request body must be a JSON object such as {{\"task_description\": \"...\"}}, not {ChatRequestParser.Describe(root)}.");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!Fields.Contains(property.Name))
            {
                return new QueryError(property.Name, $"Unknown field '{property.Name}'; valid fields: {string.Join(", ", Fields)}{DidYouMean.Hint(property.Name, Fields)}.");
            }
        }

        return Has(root, "task_description") && Has(root, "query")
            ? new QueryError("query", "Send either 'task_description' or 'query', not both.")
            : null;
    }

    private static SelectionConstraints Constraints(JsonElement root, ref QueryError? error)
    {
        if (error is not null || !root.TryGetProperty("constraints", out var node) || node.ValueKind == JsonValueKind.Null)
        {
            return SelectionConstraints.None;
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            error = new QueryError("constraints", $"'constraints' must be an object such as {{\"max_cost\": \"medium\"}}, not {ChatRequestParser.Describe(node)}.");
            return SelectionConstraints.None;
        }

        foreach (var property in node.EnumerateObject())
        {
            if (!ConstraintFields.Contains(property.Name))
            {
                error = new QueryError($"constraints.{property.Name}",
                    $"Unknown constraint '{property.Name}'; valid constraints: {string.Join(", ", ConstraintFields)}{DidYouMean.Hint(property.Name, ConstraintFields)}.");
                return SelectionConstraints.None;
            }
        }

        var constraints = new SelectionConstraints
        {
            MaxCost = Tier<CostTier>(node, "max_cost", SelectorVocabulary.CostNames, SelectorVocabulary.TryParse, ref error),
            MinSpeed = Tier<SpeedTier>(node, "min_speed", SelectorVocabulary.SpeedNames, SelectorVocabulary.TryParse, ref error),
            MinContext = MinContext(node, ref error),
            Backends = Backends(node, ref error),
        };
        return error is null ? constraints : SelectionConstraints.None;
    }

    private delegate bool TierParser<T>(string text, out T tier);

    private static T? Tier<T>(JsonElement node, string name, IReadOnlyList<string> names, TierParser<T> parse, ref QueryError? error)
        where T : struct
    {
        if (error is not null || !node.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && parse(value.GetString()!, out var tier))
        {
            return tier;
        }

        error = new QueryError($"constraints.{name}", $"'{name}' must be one of {string.Join(", ", names)}, not {ChatRequestParser.Describe(value)}.");
        return null;
    }

    private static int? MinContext(JsonElement node, ref QueryError? error)
    {
        if (error is not null || !node.TryGetProperty("min_context", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var tokens) && tokens > 0)
        {
            return tokens;
        }

        error = new QueryError("constraints.min_context", $"'min_context' must be a whole number of tokens above 0, not {ChatRequestParser.Describe(value)}.");
        return null;
    }

    private static string[]? Backends(JsonElement node, ref QueryError? error)
    {
        if (error is not null || !node.TryGetProperty("backends", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            error = new QueryError("constraints.backends", $"'backends' must be an array of backend names such as [\"ollama\"], not {ChatRequestParser.Describe(value)}.");
            return null;
        }

        var backends = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                error = new QueryError("constraints.backends", $"'backends' must hold backend names, not {ChatRequestParser.Describe(item)}.");
                return null;
            }

            if (Backend(item.GetString()!, "constraints.backends", ref error) is not { } backend)
            {
                return null;
            }

            backends.Add(backend);
        }

        return [.. backends];
    }

    /// <summary>The canonical name of a known backend (any case); an unknown name is an error listing the valid ones.</summary>
    private static string? Backend(string name, string field, ref QueryError? error)
    {
        foreach (var known in BackendNames.All)
        {
            if (string.Equals(known, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        error ??= new QueryError(field, $"'{name}' is not a backend; valid backends: {string.Join(", ", BackendNames.All)}{DidYouMean.Hint(name, BackendNames.All)}.");
        return null;
    }

    private static int TopK(JsonElement root, ref QueryError? error)
    {
        if (!root.TryGetProperty("top_k", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return SelectionQuery.DefaultTopK;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var topK) && topK is >= 1 and <= MaxTopK)
        {
            return topK;
        }

        error ??= new QueryError("top_k", $"'top_k' must be a whole number from 1 to {MaxTopK}, not {ChatRequestParser.Describe(value)}.");
        return SelectionQuery.DefaultTopK;
    }

    private static string? OptionalString(JsonElement root, string name, ref QueryError? error)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        error ??= new QueryError(name, $"'{name}' must be a string, not {ChatRequestParser.Describe(value)}.");
        return null;
    }

    private static bool Has(JsonElement root, string name) => root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
}

/// <summary>What is wrong with a selection request: the field and what would be valid.</summary>
internal sealed record QueryError(string Field, string Message);
