using System.Globalization;
using Gateway.Configuration;
using Gateway.Dispatch;
using Gateway.Exchange;
using Gateway.Runtime;
using Gateway.Surfaces;
using Gateway.Tools;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Api;

/// <summary>
/// <c>GET /tools</c> and <c>POST /tools/{name}/invoke</c>: named LLM tools served through the same resolver, fallbacks and dispatcher as
/// chat. Errors are RFC 9457 ProblemDetails; a streamed invocation streams SSE exactly like chat.
/// </summary>
internal static class ToolsEndpoints
{
    private const string Operation = "chat";

    public static IResult List(HttpContext context) =>
        TypedResults.Json(new ToolList(ToolDescription.All(RequestSnapshot.Of(context).Config)), ToolsJsonContext.Default.ToolList);

    public static async Task InvokeAsync(HttpContext context, string name, ChatDispatcher dispatcher, ChatCompletionsSurface surface)
    {
        var snapshot = RequestSnapshot.Of(context);
        if (!snapshot.Config.Tools.TryGetValue(name, out var tool))
        {
            await UnknownTool(name, snapshot.Config).ExecuteAsync(context);
            return;
        }

        var (document, bodyError) = await RequestBody.ReadJsonAsync(context.Request, context.RequestAborted);
        if (document is null)
        {
            await TypedResults.Problem(bodyError!.Message, statusCode: bodyError.Status).ExecuteAsync(context);
            return;
        }

        using (document)
        {
            if (!ToolInvocation.TryRead(document.RootElement, RequestLimits.For(context), out var invocation, out var invalid))
            {
                await Invalid(invalid!.Field, invalid.Message).ExecuteAsync(context);
                return;
            }

            if (ToolChatRequest.MissingVariable(tool, invocation) is { } missing)
            {
                await Invalid($"variables.{missing}", $"Variable '{missing}' is missing: tool '{tool.Name}' fills {{{missing}}} in its prompt template; "
                    + $"send \"variables\": {{\"{missing}\": \"...\"}}. The tool's variables are listed by GET /tools.").ExecuteAsync(context);
                return;
            }

            var route = snapshot.Resolver.ResolveTool(tool);
            if (route.Plan is not { } plan)
            {
                await TypedResults.Problem(route.Error!.Message, statusCode: route.Error.StatusCode).ExecuteAsync(context);
                return;
            }

            // The client's opt-out headers apply as for chat; the tool's own timeout and retry settings win over its backend's.
            var options = DispatchOptions.FromHeaders(context.Request.Headers, out var badHeader);
            if (options is null)
            {
                await Invalid(badHeader!.Param ?? "headers", badHeader.Message).ExecuteAsync(context);
                return;
            }

            options = options with { Tool = tool.Resilience };
            using var request = ToolChatRequest.Build(tool, invocation, snapshot.Config.Llm.GlobalDefaults, plan.RequestedModel);
            var record = DispatchRecord.For(context, Operation);
            record.Tool = tool.Name;
            if (request.Stream)
            {
                await dispatcher.DispatchAsync(context, surface, request, plan, options); // streamed as Chat Completions events
                return;
            }

            var outcome = await dispatcher.CompleteAsync(request, plan, record, context.RequestAborted, options);
            await Answer(context, tool.Name, outcome);
        }
    }

    private static async Task Answer(HttpContext context, string tool, ChatOutcome outcome)
    {
        var response = context.Response;
        GatewayHeaders.Set(response, outcome.Candidate?.Backend.Name, outcome.Candidate?.Model, outcome.Attempts);
        if (outcome.Error is { } error)
        {
            if (error.RetryAfter is { } wait)
            {
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            var extensions = new Dictionary<string, object?> { ["tool"] = tool, ["code"] = error.Code, ["attempts"] = outcome.Attempts };
            await TypedResults.Problem(error.Message, statusCode: error.Status, extensions: extensions).ExecuteAsync(context);
            return;
        }

        var json = ToolResult.Write(tool, outcome);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, context.RequestAborted);
    }

    private static ProblemHttpResult UnknownTool(string name, GatewayConfig config)
    {
        var names = config.Tools.Keys.ToArray();
        var listed = names.Length == 0 ? "No tools are configured (add them under tools: in the config)" : $"Tools: {string.Join(", ", names)}";
        return TypedResults.Problem(
            $"Unknown tool '{name}'{DidYouMean.Hint(name, names)}. {listed}. List them with GET /tools.",
            statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["tools"] = names });
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message);
}
