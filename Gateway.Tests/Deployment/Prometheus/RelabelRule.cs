using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Gateway.Tests.Deployment.Prometheus;

/// <summary>One <c>relabel_configs</c> rule: <c>keep</c>, <c>drop</c> or <c>replace</c> on the joined source labels, the regex anchored at both ends.</summary>
internal sealed record RelabelRule(IReadOnlyList<string> SourceLabels, string Separator, Regex Pattern, string Action, string? TargetLabel, string Replacement)
{
    public static RelabelRule Parse(YamlNode node) => new(
        node.Get("source_labels") is YamlSequenceNode labels ? [.. labels.Children.Select(l => l.ToString())] : [],
        node.TextOrNull("separator") ?? ";",
        new Regex($"^(?:{node.TextOrNull("regex") ?? "(.*)"})$", RegexOptions.CultureInvariant),
        node.TextOrNull("action") ?? "replace",
        node.TextOrNull("target_label"),
        node.TextOrNull("replacement") ?? "$1");

    /// <summary>The target's labels after the rule, or null when the rule drops the target.</summary>
    public Dictionary<string, string>? Apply(Dictionary<string, string> labels)
    {
        var value = string.Join(Separator, SourceLabels.Select(label => labels.GetValueOrDefault(label) ?? ""));
        var match = Pattern.Match(value);
        switch (Action)
        {
            case "keep":
                return match.Success ? labels : null;
            case "drop":
                return match.Success ? null : labels;
            case "replace":
                if (match.Success && TargetLabel is not null)
                {
                    labels[TargetLabel] = match.Result(Replacement);
                }

                return labels;
            default:
                throw new NotSupportedException($"relabel action {Action} is not modelled by these tests");
        }
    }
}
