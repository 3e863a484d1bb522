namespace Gateway.Api.OpenApi;

internal static partial class EndpointDocs
{
    public const string AnthropicTag = "Anthropic-compatible";

    public static RouteHandlerBuilder DocumentMessages(this RouteHandlerBuilder endpoint) => endpoint
        .WithName(ExampleNames.CreateMessage)
        .WithTags(AnthropicTag)
        .WithSummary("Create a message (the Anthropic Messages API), whole or streamed, over any backend")
        .WithDescription("""
            Anthropic's Messages API for the Anthropic SDKs and Claude Code (`ANTHROPIC_BASE_URL` = the gateway's address, without `/v1`).
            `model` is routed as on `/v1/chat/completions` (with `llm.model_aliases` for fixed Claude ids). An Anthropic backend receives the
            request as it was sent (only `model` replaced) and its answer, events and errors come back unchanged; any other backend gets a
            translation, and its answer comes back as a `message` or, with `stream: true`, as Anthropic's events (`message_start` …
            `message_stop`, `ping` while the upstream is silent; `event: error` when the upstream fails mid-answer). Errors are Anthropic's
            `{"type":"error","error":{...}}`. Fields a translation leaves out are named in `x-gateway-ignored`; what no translation carries
            (documents, server tools) goes only to Anthropic backends, else it is a 400 naming the field.
            """)
        .Accepts<object>("application/json")
        .Produces<object>(StatusCodes.Status200OK, "application/json", "text/event-stream")
        .Produces<object>(StatusCodes.Status400BadRequest, "application/json")
        .Produces<object>(StatusCodes.Status401Unauthorized, "application/json")
        .Produces<object>(StatusCodes.Status404NotFound, "application/json")
        .Produces<object>(StatusCodes.Status429TooManyRequests, "application/json")
        .Produces<object>(StatusCodes.Status503ServiceUnavailable, "application/json");

    public static RouteHandlerBuilder DocumentCountTokens(this RouteHandlerBuilder endpoint) => endpoint
        .WithName(ExampleNames.CountTokens)
        .WithTags(AnthropicTag)
        .WithSummary("Count the input tokens of a Messages request for the model that would serve it; nothing is sent upstream")
        .WithDescription("""
            The body is a `/v1/messages` request without `max_tokens` (`model`, `messages`, `system`, `tools`, `tool_choice`, `thinking`, ...).
            It is decoded and routed as `/v1/messages` would route it (`llm.model_aliases` and `x-gateway-backend` included), and counted by the
            gateway's estimator for that model: tiktoken for OpenAI-family models, one token per four characters for the others. The answer is
            Anthropic's `{"input_tokens": N}`, with `x-gateway-backend` and `x-gateway-model` naming what it was counted for. Errors are
            Anthropic's: 400 for a body that is not a Messages prompt, 404 for a model this gateway does not serve.
            """)
        .Accepts<object>("application/json")
        .Produces<TokenCount>(StatusCodes.Status200OK)
        .Produces<object>(StatusCodes.Status400BadRequest, "application/json")
        .Produces<object>(StatusCodes.Status401Unauthorized, "application/json")
        .Produces<object>(StatusCodes.Status404NotFound, "application/json")
        .Produces<object>(StatusCodes.Status429TooManyRequests, "application/json");
}
