using Gateway.Accounting;
using Gateway.Health;

namespace Gateway.Api.OpenApi;

/// <summary>
/// The API document's metadata for each endpoint: name, summary, request and response schemas, error shapes. Examples are attached by
/// <see cref="ExampleFilter"/> through the endpoint's name. An endpoint added later needs one such method and one line where it is mapped.
/// </summary>
internal static partial class EndpointDocs
{
    public const string OpenAiTag = "OpenAI-compatible";
    public const string GatewayTag = "Gateway";

    private static readonly int[] DispatchErrors = [400, 401, 404, 413, 500, 502, 503, 504];

    public static RouteHandlerBuilder DocumentChatCompletions(this RouteHandlerBuilder endpoint) => endpoint
        .WithName(ExampleFilter.ChatCompletions)
        .WithTags(OpenAiTag)
        .WithSummary("Create a chat completion, whole or streamed")
        .WithDescription("""
            OpenAI's chat completions. `model` is a model key (`generator`), `<backend>/<key-or-model>` or a model name; the header
            `x-gateway-backend` forces a backend. With `stream: true` the answer is `text/event-stream`: OpenAI chunks as `data: {...}` events
            ending with `data: [DONE]`, or with a `data: {"error": ...}` event when the upstream fails mid-answer. Every answer carries
            `x-gateway-backend`, `x-gateway-model`, `x-gateway-attempts` and `x-gateway-overhead-ms`; whole answers also `x-gateway-cost-usd`.
            """)
        .WithMetadata(new RequestBodySchema(typeof(ChatCompletionRequestSchema)))
        .Produces<ChatCompletionSchema>(StatusCodes.Status200OK, "application/json", "text/event-stream")
        .ProducesOpenAiErrors(DispatchErrors);

    public static RouteHandlerBuilder DocumentEmbeddings(this RouteHandlerBuilder endpoint) => endpoint
        .WithName(ExampleFilter.Embeddings)
        .WithTags(OpenAiTag)
        .WithSummary("Create embeddings")
        .WithDescription("Routed to `llm.global_defaults.default_embedding_backend`; honours `encoding_format: base64`. Anthropic has no embeddings API.")
        .WithMetadata(new RequestBodySchema(typeof(EmbeddingsRequestSchema)))
        .Produces<EmbeddingsResponseSchema>(StatusCodes.Status200OK)
        .ProducesOpenAiErrors(DispatchErrors);

    public static RouteHandlerBuilder DocumentListModels(this RouteHandlerBuilder endpoint) => endpoint
        .WithName(ExampleFilter.ListModels)
        .WithTags(OpenAiTag)
        .WithSummary("List models: every model key, every backend/model and every alias id")
        .WithDescription("""
            OpenAI's list shape. With an `anthropic-version` header (the Anthropic SDKs and Claude Code's model discovery send one), Anthropic's:
            `{"data":[{"type":"model","id","display_name","created_at"}],"has_more","first_id","last_id"}`, paged by `limit` (1 to 1000,
            default 20), `after_id` and `before_id`, with errors in Anthropic's shape.
            """)
        .Produces<ModelList>(StatusCodes.Status200OK)
        .ProducesOpenAiErrors(StatusCodes.Status500InternalServerError);

    public static RouteHandlerBuilder DocumentGetModel(this RouteHandlerBuilder endpoint) => endpoint
        .WithName(ExampleFilter.GetModel)
        .WithTags(OpenAiTag)
        .WithSummary("Describe one model (a key, backend/model or alias id; the slash may be sent as %2F); Anthropic's shape with anthropic-version")
        .Produces<ModelObject>(StatusCodes.Status200OK)
        .ProducesOpenAiErrors(StatusCodes.Status404NotFound, StatusCodes.Status500InternalServerError);

    public static RouteHandlerBuilder DocumentLiveness(this RouteHandlerBuilder endpoint) => endpoint
        .WithName(ExampleFilter.Liveness)
        .WithTags(GatewayTag)
        .WithSummary("Liveness: the process answers")
        .Produces<LivenessReport>(StatusCodes.Status200OK)
        .ProducesProblem(StatusCodes.Status500InternalServerError);

    public static RouteHandlerBuilder DocumentReadiness(this RouteHandlerBuilder endpoint) => endpoint
        .WithName(ExampleFilter.Readiness)
        .WithTags(GatewayTag)
        .WithSummary("Readiness: this process can serve (config loaded, listening, not stopping); asks no backend and needs no key")
        .Produces<ReadinessReport>(StatusCodes.Status200OK)
        .Produces<ReadinessReport>(StatusCodes.Status503ServiceUnavailable)
        .ProducesProblem(StatusCodes.Status500InternalServerError);

    public static RouteHandlerBuilder DocumentBackendHealth(this RouteHandlerBuilder endpoint) => endpoint
        .WithName(ExampleFilter.BackendHealth)
        .WithTags(GatewayTag)
        .WithSummary("Backend health: whether each backend's endpoints answer (model listings only, never spends tokens)")
        .Produces<BackendHealthReport>(StatusCodes.Status200OK)
        .Produces<BackendHealthReport>(StatusCodes.Status503ServiceUnavailable)
        .ProducesProblem(StatusCodes.Status500InternalServerError);

    public static RouteHandlerBuilder DocumentUsage(this RouteHandlerBuilder endpoint) => endpoint
        .WithName(ExampleFilter.Usage)
        .WithTags(GatewayTag)
        .WithSummary("Usage and cost since start, by backend, model, model key and tool")
        .WithDescription("""
            `requests`/`failures` count client requests in `totals`, `by_model_key` and `by_tool`, and upstream attempts in `by_backend`
            and `by_model`. Tokens come from the upstreams' usage reports; `estimated_requests` counts answers whose upstream reported none
            (about four characters per token). `cost_usd` is at the prices under `pricing`; `unpriced_requests` counts answers of models
            without one.
            """)
        .Produces<UsageReport>(StatusCodes.Status200OK)
        .ProducesProblem(StatusCodes.Status500InternalServerError);

    private static RouteHandlerBuilder ProducesOpenAiErrors(this RouteHandlerBuilder endpoint, params int[] statusCodes)
    {
        foreach (var status in statusCodes)
        {
            endpoint.Produces<OpenAiErrorSchema>(status);
        }

        return endpoint;
    }
}
