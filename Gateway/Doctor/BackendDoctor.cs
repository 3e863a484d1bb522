using Gateway.Configuration;

namespace Gateway.Doctor;

/// <summary>
/// Checks a loaded config against the world: every endpoint of every backend probed at once (each within its own short bound), then
/// one finding per line in config order. Config warnings come first, as notes.
/// </summary>
internal sealed class BackendDoctor(EndpointProbe probe)
{
    private const string ConfigLabel = "config";

    public async Task<DoctorReport> ExamineAsync(GatewayConfig config, CancellationToken cancellationToken)
    {
        var backends = config.Llm.Backends.Values.ToList();
        var targets = backends.Select(EndpointTargets.Of).ToList();
        var probes = await Task.WhenAll(targets.SelectMany(list => list).Select(target => probe.ProbeAsync(target, cancellationToken)));

        var findings = new List<Finding>();
        findings.AddRange(config.Warnings.Select(warning => new Finding(FindingStatus.Note, ConfigLabel, "", warning)));
        var next = 0;
        for (var i = 0; i < backends.Count; i++)
        {
            if (backends[i].Kind == BackendKind.Mock)
            {
                findings.Add(new Finding(FindingStatus.Ok, backends[i].Name, "in-process", "built-in mock, answered inside the gateway: nothing to reach, no key needed"));
                continue;
            }

            foreach (var target in targets[i])
            {
                findings.AddRange(EndpointFindings.Of(target, probes[next++]));
            }
        }

        return new DoctorReport(config.SourcePath, backends.Count, probes.Length, findings);
    }
}
