using Gateway.Backends;

namespace Gateway.Doctor;

/// <summary>
/// Turns one endpoint's probe into report lines, in reading order: whether it answers, whether the key is there and accepted,
/// then each model routed to it (or, when that cannot be known, a note saying so).
/// </summary>
internal static class EndpointFindings
{
    public static IEnumerable<Finding> Of(EndpointTarget target, ProbeResult probe)
    {
        yield return Reachability(target, probe);
        if (KeyProblem(target, probe) is { } keyProblem)
        {
            yield return Finding.Fail(target, keyProblem);
        }

        foreach (var finding in Models(target, probe))
        {
            yield return finding;
        }
    }

    private static Finding Reachability(EndpointTarget target, ProbeResult probe)
    {
        if (probe.Unanswered is { } failure)
        {
            var problem = failure.Kind == FailureKind.Timeout
                ? $"no answer within {EndpointProbe.Timeout.TotalSeconds:0} s to {probe.Request}"
                : $"unreachable ({failure.Message})";
            return Finding.Fail(target, $"{problem}: {DoctorAdvice.Unreachable(target)}");
        }

        var status = probe.Status!.Value;
        var reachable = $"reachable in {probe.ElapsedMs} ms";
        if (probe.IsSuccess)
        {
            return Finding.Ok(target, reachable + KeyRemark(target));
        }

        if (status is 401 or 403)
        {
            return Finding.Ok(target, reachable);
        }

        var quoted = probe.ErrorText is null ? "" : $" (\"{probe.ErrorText}\")";
        return Finding.Fail(target, $"answered HTTP {status} to {probe.Request}{quoted}: {DoctorAdvice.ForStatus(target, status)}");
    }

    /// <summary>What a 2xx answer says about the key, for the reachability line.</summary>
    private static string KeyRemark(EndpointTarget target) => (target.ApiKey, target.Backend.RequiresApiKey) switch
    {
        (null, false) => ", no key needed",
        (null, true) => ", answered without a key",
        _ when target.KeySource is not null => $", API key accepted ({target.KeySource})",
        _ => ", API key accepted",
    };

    private static string? KeyProblem(EndpointTarget target, ProbeResult probe)
    {
        if (target.ApiKey is null && target.Backend.RequiresApiKey)
        {
            return $"no API key: {DoctorAdvice.MissingKey(target)}";
        }

        if (probe.Status is not (401 or 403))
        {
            return null;
        }

        var status = probe.Status.Value;
        return target.ApiKey is null
            ? $"the server asks for an API key (HTTP {status}) and none is configured: set {target.KeyText}"
            : $"the API key was rejected (HTTP {status}): check {target.KeyText}";
    }

    private static IEnumerable<Finding> Models(EndpointTarget target, ProbeResult probe)
    {
        var listing = ModelListings.For(target.Backend.Kind);
        if (listing is null)
        {
            if (target.Deployments.Count > 0)
            {
                yield return Finding.Note(target, $"deployments {string.Join(", ", target.Deployments)} not checked: Azure's data-plane API cannot list "
                    + "deployments (a missing one answers 404 DeploymentNotFound); compare with `az cognitiveservices account deployment list`");
            }

            yield break;
        }

        if (target.Models.Count == 0)
        {
            yield break;
        }

        if (probe.NotAListing)
        {
            yield return Finding.Fail(target, listing.NotAListing(target));
            yield break;
        }

        if (probe.Listed is not { } listed)
        {
            var names = string.Join(", ", target.Models.Select(model => model.Label));
            yield return Finding.Note(target, $"models not checked until the problem above is fixed: {names}");
            yield break;
        }

        foreach (var model in target.Models)
        {
            if (listing.Find(model.Name, listed) is { } found)
            {
                var form = found == model.Name ? "" : $" as {found}";
                yield return Finding.Ok(target, $"model {model.Label} is available{form}");
            }
            else
            {
                yield return Finding.Fail(target, listing.Missing(model, target, listed));
            }
        }
    }
}
