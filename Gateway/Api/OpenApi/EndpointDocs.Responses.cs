namespace Gateway.Api.OpenApi;

internal static partial class EndpointDocs
{
    public static RouteHandlerBuilder DocumentResponses(this RouteHandlerBuilder endpoint) => endpoint
        .WithName(ExampleNames.CreateResponse)
        .WithTags(OpenAiTag)
        .WithSummary("Create a response (the OpenAI Responses API), whole or streamed, over any backend")
        .WithDescription("""
            OpenAI's Responses API for `client.responses.create`, agent frameworks and Codex. `model` is routed as on `/v1/chat/completions`.
            `previous_response_id` continues a stored response on any backend: the gateway keeps each answer (unless `store: false`) and sends
            the whole conversation upstream. An OpenAI backend receives the body as sent (only `model` replaced, the conversation expanded into
            `input`) and its answer and events come back unchanged; any other backend gets a translation, and its answer comes back as a
            Response or, with `stream: true`, as the Responses events (`response.created` … `response.completed`, each with `sequence_number`;
            an `error` event when the upstream fails mid-answer). Fields a translation leaves out are named in `x-gateway-ignored`; what no
            translation carries (built-in tools, files) goes only to OpenAI backends, else it is a 400 naming the field.
            """)
        .Accepts<object>("application/json")
        .Produces<object>(StatusCodes.Status200OK, "application/json", "text/event-stream")
        .Produces<object>(StatusCodes.Status400BadRequest, "application/json")
        .Produces<object>(StatusCodes.Status401Unauthorized, "application/json")
        .Produces<object>(StatusCodes.Status404NotFound, "application/json")
        .Produces<object>(StatusCodes.Status429TooManyRequests, "application/json")
        .Produces<object>(StatusCodes.Status503ServiceUnavailable, "application/json");
}
