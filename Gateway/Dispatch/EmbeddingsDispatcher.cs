using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Surfaces;
using Gateway.Telemetry;

namespace Gateway.Dispatch;

/// <summary>
/// Walks an embeddings plan (the embedding backend's endpoints) with the same walk and tries as chat (<see cref="PlanWalk"/>): each in
/// its resilience pipeline, skipping endpoints that cool down; a request at fault stops the walk, a wrong key, a missing model or a
/// prompt too long moves on.
/// </summary>
internal sealed class EmbeddingsDispatcher(BackendProtocols protocols, AttemptRunner runner, EndpointHealth health, TimeProvider time)
{
    internal const string Operation = "embeddings";

    public async Task DispatchAsync(HttpContext context, EmbeddingsRequest request, RoutePlan plan, DispatchOptions? options = null)
    {
        var http = context.Response;
        if (options is null)
        {
            options = DispatchOptions.FromHeaders(context.Request.Headers, out var invalid);
            if (options is null)
            {
                GatewayHeaders.Set(http, null, null, 0);
                await OpenAiErrorWriter.WriteAsync(http, invalid!);
                return;
            }
        }

        var record = DispatchRecord.For(context, Operation);
        record.RequestedModel ??= request.Model;
        var walk = new PlanWalk(plan, plan.Candidates, null, options, time);
        var outcome = await walk.RunAsync(runner, health, new EmbeddingsOperation(request, protocols), record, context.RequestAborted);
        GatewayHeaders.Set(http, outcome.Candidate?.Backend.Name, outcome.Candidate?.Model, record.Attempts.Count);
        if (!outcome.IsSuccess)
        {
            await OpenAiErrorWriter.WriteAsync(http, outcome.Error!);
            return;
        }

        var answer = outcome.Answer!;
        record.Served(outcome.Candidate!, answer.Usage);
        GatewayTelemetry.RecordRequest(Operation, outcome.Candidate, "success");
        http.StatusCode = StatusCodes.Status200OK;
        http.ContentType = "application/json";
        http.ContentLength = answer.Json.Length;
        await http.Body.WriteAsync(answer.Json, context.RequestAborted);
    }
}
