using Gateway.Surfaces;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Gateway.Api.OpenApi;

/// <summary>
/// The <c>x-gateway-*</c> headers in the API document: the request headers the dispatching endpoints read, and the response headers
/// they answer with; <c>x-gateway-config-version</c> is on every answer.
/// </summary>
internal sealed class GatewayHeadersFilter : IOperationFilter
{
    private static readonly (string Name, string Description)[] DispatchRequestHeaders =
    [
        ("x-gateway-fallback", "`none`: try only the first backend of the plan (its other endpoints still are); `auto` (the default) falls back."),
        ("x-gateway-timeout-seconds", "The whole request's time budget in seconds; it shortens every attempt's timeout, never lengthens one."),
    ];

    private const string BackendRequestHeader = "x-gateway-backend";

    private static readonly (string Name, string Description)[] DispatchResponseHeaders =
    [
        ("x-gateway-backend", "The backend that answered (or was tried last)."),
        ("x-gateway-model", "The concrete model that answered (or was tried last)."),
        ("x-gateway-attempts", "How many upstream attempts the answer took; 0 when the gateway refused the request itself."),
        ("x-gateway-mock", "`true` when the built-in mock backend answered, never an LLM."),
        ("x-gateway-overhead-ms", "Milliseconds the gateway itself spent, upstream attempts excluded (for streams: up to the first event)."),
        ("x-gateway-cost-usd", "What the answer cost in US dollars at the configured prices; absent on streams and for unpriced models."),
        ("x-gateway-usage-estimated", "`true` when the upstream reported no usage and the tokens behind the cost are estimated."),
        ("x-gateway-truncated", "What was dropped from the conversation to fit the model's context window, when anything was."),
    ];

    private const string ConfigVersion = "x-gateway-config-version";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var name = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
        var dispatches = name is ExampleFilter.ChatCompletions or ExampleFilter.Embeddings or ExampleNames.InvokeTool or ExampleNames.CreateMessage;
        if (dispatches)
        {
            operation.Parameters ??= [];
            if (name is not ExampleNames.InvokeTool)
            {
                operation.Parameters.Add(Header(BackendRequestHeader, "Force a backend by name (e.g. `ollama`); an unknown name is a 404 listing the configured ones."));
            }

            foreach (var (header, description) in DispatchRequestHeaders)
            {
                operation.Parameters.Add(Header(header, description));
            }
        }

        foreach (var response in operation.Responses?.Values.OfType<OpenApiResponse>() ?? [])
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[ConfigVersion] = ResponseHeader("The version (a short hash) of the config file in force when the request arrived.");
            if (dispatches)
            {
                foreach (var (header, description) in DispatchResponseHeaders)
                {
                    response.Headers[header] = ResponseHeader(description);
                }

                if (name is ExampleNames.CreateMessage)
                {
                    response.Headers[IgnoredFields.Header] = ResponseHeader("The request fields (and `anthropic-beta`) a translation left out because the backend that served it has no use for them; absent when an Anthropic backend received the request as sent.");
                }
            }
        }
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiHeader ResponseHeader(string description) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
