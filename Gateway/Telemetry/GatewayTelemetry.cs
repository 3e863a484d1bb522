using System.Diagnostics;
using System.Diagnostics.Metrics;
using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Exchange;
using Gateway.Redaction;
using Gateway.Routing;

namespace Gateway.Telemetry;

/// <summary>
/// The gateway's traces and metrics, following the OpenTelemetry GenAI semantic conventions: a client span per upstream attempt and the
/// <c>gen_ai.client.*</c> instruments, plus the gateway's own. Free when nothing listens. Endpoint URLs are named without their user-info.
/// </summary>
internal static partial class GatewayTelemetry
{
    public const string Name = "Gateway";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", "s", "Duration of one upstream attempt",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MetricBuckets.OperationSeconds });

    private static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>(
        "gen_ai.client.token.usage", "{token}", "Tokens used per answer, by gen_ai.token.type (estimated when the upstream reported none)",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = MetricBuckets.Tokens });

    private static readonly Histogram<double> TimeToFirstToken = Meter.CreateHistogram<double>(
        "gateway.time_to_first_token", "s", "From the start of a streamed attempt to its first event",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MetricBuckets.FirstTokenSeconds });

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "gateway.requests", "{request}", "Requests by backend, model and outcome");

    private static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>(
        "gateway.fallbacks", "{fallback}", "Times a request moved on to the next candidate");

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "gateway.retries", "{retry}", "Times an attempt was retried on the same endpoint, by the failure that caused it");

    private static readonly Counter<long> Cooldowns = Meter.CreateCounter<long>(
        "gateway.cooldowns", "{cooldown}", "Times an endpoint left its pool to cool down");

    /// <summary>Starts the client span of one attempt.</summary>
    public static Activity? StartAttempt(string operation, Candidate candidate, int attemptNumber, string? requestedModel)
    {
        var activity = Source.StartActivity($"{operation} {candidate.Model}", ActivityKind.Client);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("gen_ai.operation.name", operation);
        activity.SetTag("gen_ai.provider.name", ProviderName(candidate.Backend.Kind));
        activity.SetTag("gen_ai.request.model", candidate.Model);
        activity.SetTag("gateway.backend", candidate.Backend.Name);
        activity.SetTag("gateway.endpoint", UrlUserInfo.Mask(candidate.Endpoint));
        activity.SetTag("gateway.attempt", attemptNumber);
        activity.SetTag("gateway.reason", candidate.Reason);
        if (requestedModel is not null)
        {
            activity.SetTag("gateway.requested_model", requestedModel);
        }

        return activity;
    }

    /// <summary>
    /// Ends an attempt's span (with the usage the upstream reported) and records its duration; an attempt the client
    /// <paramref name="abandoned"/> before it had an answer carries <c>error.type</c> <c>client_aborted</c>.
    /// </summary>
    public static void EndAttempt(Activity? activity, string operation, Attempt attempt, Usage? usage, string? responseModel, bool abandoned = false)
    {
        var errorType = ErrorType(attempt.Failure) ?? (abandoned ? "client_aborted" : null);
        var tags = Tags(operation, attempt.Candidate);
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        OperationDuration.Record(attempt.Elapsed.TotalSeconds, tags);
        if (activity is null)
        {
            return;
        }

        if (responseModel is not null)
        {
            activity.SetTag("gen_ai.response.model", responseModel);
        }

        if (usage is { } counted)
        {
            activity.SetTag("gen_ai.usage.input_tokens", counted.PromptTokens);
            activity.SetTag("gen_ai.usage.output_tokens", counted.CompletionTokens);
        }

        if (errorType is not null)
        {
            activity.SetTag("error.type", errorType);
            activity.SetStatus(ActivityStatusCode.Error, attempt.Failure is { } failure ? UrlUserInfo.Mask(failure.Message) : "the client left before the answer arrived");
        }

        activity.Dispose();
    }

    /// <summary>
    /// Records the tokens of a served request's answer as far as it went (a stream the client left included): the upstream's report, else
    /// the estimate, the same the usage ledger adds. Embeddings have input tokens only.
    /// </summary>
    public static void RecordUsage(string operation, Candidate served, long promptTokens, long completionTokens)
    {
        var tags = Tags(operation, served);
        TokenUsage.Record(promptTokens, WithTokenType(tags, "input"));
        if (operation != "embeddings")
        {
            TokenUsage.Record(completionTokens, WithTokenType(tags, "output"));
        }
    }

    public static void RecordFirstEvent(Candidate candidate, TimeSpan elapsed) =>
        TimeToFirstToken.Record(elapsed.TotalSeconds, new TagList { { "gateway.backend", candidate.Backend.Name }, { "gen_ai.request.model", candidate.ModelLabel } });

    public static void RecordFallback(Candidate from, string reason) =>
        Fallbacks.Add(1, new TagList { { "gateway.backend", from.Backend.Name }, { "gateway.reason", reason } });

    public static void RecordRetry(Candidate candidate, string reason) =>
        Retries.Add(1, new TagList { { "gateway.backend", candidate.Backend.Name }, { "gateway.reason", reason } });

    public static void RecordCooldown(Candidate candidate, TimeSpan cooldown)
    {
        Cooldowns.Add(1, new TagList { { "gateway.backend", candidate.Backend.Name }, { "gateway.endpoint", UrlUserInfo.Mask(candidate.Endpoint) } });
        Activity.Current?.AddEvent(new ActivityEvent("gateway.cooldown", tags: new ActivityTagsCollection { { "gateway.cooldown_seconds", cooldown.TotalSeconds } }));
    }

    /// <summary>Counts a finished request by who served it (or was tried last) and how it ended.</summary>
    public static void RecordRequest(string operation, Candidate? candidate, string outcome) =>
        Requests.Add(1, new TagList
        {
            { "gen_ai.operation.name", operation },
            { "gateway.backend", candidate?.Backend.Name ?? "none" },
            { "gen_ai.request.model", candidate?.ModelLabel ?? "none" },
            { "gateway.outcome", outcome },
        });

    /// <summary>The GenAI convention's provider name for a backend kind.</summary>
    public static string ProviderName(BackendKind kind) => kind switch
    {
        BackendKind.OpenAI => "openai",
        BackendKind.Azure => "azure.ai.openai",
        BackendKind.Anthropic => "anthropic",
        BackendKind.Ollama => "ollama",
        BackendKind.LMStudio => "lm_studio",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>A low-cardinality <c>error.type</c>: the upstream status, or what kind of failure it was.</summary>
    public static string? ErrorType(UpstreamFailure? failure) => failure switch
    {
        null => null,
        { Kind: FailureKind.Status, StatusCode: int status } => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        { Kind: FailureKind.Timeout } => "timeout",
        { Kind: FailureKind.Connect } => "connection_error",
        { Kind: FailureKind.MissingKey } => "missing_api_key",
        { Kind: FailureKind.Protocol } => "protocol_error",
        _ => "upstream_error",
    };

    /// <summary>The tags every per-attempt instrument shares; the model as <see cref="Candidate.ModelLabel"/> keeps them bounded.</summary>
    private static TagList Tags(string operation, Candidate candidate) => new()
    {
        { "gen_ai.operation.name", operation },
        { "gen_ai.provider.name", ProviderName(candidate.Backend.Kind) },
        { "gen_ai.request.model", candidate.ModelLabel },
        { "gateway.backend", candidate.Backend.Name },
    };

    private static TagList WithTokenType(TagList tags, string type)
    {
        var copy = tags;
        copy.Add("gen_ai.token.type", type);
        return copy;
    }
}
