using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Gateway.Api.OpenApi;

/// <summary>
/// Completes each documented operation: the request body named by <see cref="RequestBodySchema"/>, and the request and response examples
/// found by the endpoint's name.
/// </summary>
internal sealed class ExampleFilter : IOperationFilter
{
    public const string ChatCompletions = "CreateChatCompletion";
    public const string Embeddings = "CreateEmbeddings";
    public const string ListModels = "ListModels";
    public const string GetModel = "GetModel";
    public const string Liveness = "Liveness";
    public const string Readiness = "Readiness";
    public const string BackendHealth = "BackendHealth";
    public const string Usage = "Usage";

    private const string Json = "application/json";
    private const string EventStream = "text/event-stream";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<RequestBodySchema>().FirstOrDefault() is { } requestType)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    [Json] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(requestType.Type, context.SchemaRepository) },
                },
            };
        }

        var name = metadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
        if (name is null || !Examples.Operations.TryGetValue(name, out var examples))
        {
            return;
        }

        if (examples.Request is { } request && operation.RequestBody?.Content is { } requestContent && requestContent.TryGetValue(Json, out var requestBody) && requestBody is OpenApiMediaType requestMedia)
        {
            requestMedia.Example = JsonNode.Parse(request);
        }

        foreach (var (status, body) in examples.Responses)
        {
            if (operation.Responses?.TryGetValue(status, out var response) == true && response.Content?.TryGetValue(Json, out var found) == true && found is OpenApiMediaType media)
            {
                media.Example = JsonNode.Parse(body);
            }
        }

        if (examples.Stream is { } stream && operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue(EventStream, out var streamed) == true && streamed is OpenApiMediaType sse)
        {
            var chunk = context.SchemaGenerator.GenerateSchema(typeof(ChatCompletionChunkSchema), context.SchemaRepository);
            sse.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Server-sent events: each `data:` line holds a ChatCompletionChunk (#/components/schemas/ChatCompletionChunk); "
                    + "the stream ends with `data: [DONE]`, or with a `data: {\"error\": ...}` event when the upstream fails mid-answer.",
            };
            sse.ItemSchema = chunk;
            sse.Example = JsonValue.Create(stream);
        }
    }
}
