using System.Runtime.CompilerServices;
using Gateway.Configuration;

namespace Gateway.Selection;

/// <summary>
/// One <see cref="ModelSelector"/> per config snapshot, built on first use and dropped with its snapshot, so the catalogue is built once
/// per loaded config rather than per request. Also where selections are logged.
/// </summary>
internal sealed partial class SelectorCache(ILogger<SelectorCache> logger)
{
    private readonly ConditionalWeakTable<GatewayConfig, ModelSelector> _selectors = [];

    public ModelSelector For(GatewayConfig config) => _selectors.GetValue(config, static c => new ModelSelector(c));

    /// <summary>Logs what <c>model: "auto"</c> chose (never the task text, which is the user's prompt).</summary>
    public void LogAutoChoice(SelectionOutcome outcome)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            LogChose(
                string.Join(", ", outcome.Recommendations.Select(r => $"{r.Profile} ({SelectionReasons.Points(r.Breakdown.Total)})")),
                outcome.Reading.Backend ?? "-",
                outcome.Reading.Model ?? "-",
                string.Join(", ", outcome.Reading.Needs.Select(TaskNeeds.Name)));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Model auto chose {Picks}; directive backend {Backend}, model {Model}; needs: {Needs}")]
    private partial void LogChose(string picks, string backend, string model, string needs);
}
