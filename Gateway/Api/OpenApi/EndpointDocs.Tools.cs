using Gateway.Selection;
using Gateway.Tools;

namespace Gateway.Api.OpenApi;

internal static partial class EndpointDocs
{
    public static RouteHandlerBuilder DocumentListTools(this RouteHandlerBuilder endpoint) => endpoint
        .WithName(ExampleNames.ListTools)
        .WithTags(GatewayTag)
        .WithSummary("List the configured tools: description, resolved backend and model, input variables")
        .Produces<ToolList>(StatusCodes.Status200OK)
        .ProducesProblem(StatusCodes.Status500InternalServerError);

    public static RouteHandlerBuilder DocumentInvokeTool(this RouteHandlerBuilder endpoint) => endpoint
        .WithName(ExampleNames.InvokeTool)
        .WithTags(GatewayTag)
        .WithSummary("Invoke a named tool, whole or streamed")
        .WithDescription("""
            Renders the tool's `prompt_template` with `input` and `variables` (or continues `messages`) and serves it with the tool's backend
            and model, with the same fallback as chat. With `stream: true` the answer is OpenAI chat chunks as server-sent events.
            """)
        .WithMetadata(new RequestBodySchema(typeof(ToolInvokeRequestSchema)))
        .Produces<ToolInvokeResultSchema>(StatusCodes.Status200OK, "application/json", "text/event-stream")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status502BadGateway)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .ProducesProblem(StatusCodes.Status504GatewayTimeout);

    public static RouteHandlerBuilder DocumentSelectModel(this RouteHandlerBuilder endpoint) => endpoint
        .WithName(ExampleNames.SelectModel)
        .WithTags(GatewayTag)
        .WithSummary("Rank the configured models for a task or a phrase such as \"use anthropic opus\"")
        .WithMetadata(new RequestBodySchema(typeof(SelectModelRequestSchema)))
        .Produces<SelectionAnswer>(StatusCodes.Status200OK)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
