namespace Gateway.Api.OpenApi;

internal static partial class EndpointDocs
{
    public const string AnthropicTag = "Anthropic-compatible";

    public static RouteHandlerBuilder DocumentMessages(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("CreateMessage")
        .WithTags(AnthropicTag)
        .WithSummary("Create a message (the Anthropic Messages API), whole or streamed, over any backend")
        .WithDescription("""
            Anthropic's Messages API for the Anthropic SDKs and Claude Code (`ANTHROPIC_BASE_URL` = the gateway's address, without `/v1`).
            `model` is routed as on `/v1/chat/completions`; the request is translated for the backend that serves it, and the answer comes
            back as a `message` or, with `stream: true`, as Anthropic's events (`message_start` … `message_stop`; `event: error` when the
            upstream fails mid-answer). Errors are Anthropic's `{"type":"error","error":{...}}`. Fields the backend has no use for are left
            out and named in `x-gateway-ignored`; fields that would change the answer and cannot be translated are a 400 naming them.
            """)
        .Accepts<object>("application/json")
        .Produces<object>(StatusCodes.Status200OK, "application/json", "text/event-stream")
        .Produces<object>(StatusCodes.Status400BadRequest, "application/json")
        .Produces<object>(StatusCodes.Status401Unauthorized, "application/json")
        .Produces<object>(StatusCodes.Status404NotFound, "application/json")
        .Produces<object>(StatusCodes.Status429TooManyRequests, "application/json")
        .Produces<object>(StatusCodes.Status503ServiceUnavailable, "application/json");
}
