using System.Diagnostics;
using Gateway.Tests.Deployment.Sandbox;

namespace Gateway.Tests.Deployment.Docker;

/// <summary>The Docker daemon's health check of a container: its command run inside it, killed at its timeout; healthy for exit 0.</summary>
internal static class DockerHealthCheck
{
    /// <summary>The longest a test waits for a container to turn healthy, whatever budget its health check gives it.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    public static Task<ExecResult> RunAsync(SandboxedContainer container)
    {
        var check = container.Spec.HealthCheck ?? throw new InvalidOperationException($"{container.Spec.Name} has no health check");
        return container.ExecAsync(check.Command, check.Timeout);
    }

    /// <summary>
    /// Runs the check until it passes, the container exits, or its budget is spent: the start period plus <c>retries</c> × <c>interval</c>.
    /// The tests run the first check once <paramref name="port"/> accepts connections, and the next ones back to back rather than every interval.
    /// </summary>
    public static async Task<ExecResult> WaitUntilHealthyAsync(SandboxedContainer container, int port)
    {
        var check = container.Spec.HealthCheck ?? throw new InvalidOperationException($"{container.Spec.Name} has no health check");
        var budget = check.StartPeriod + (check.Interval * check.Retries);
        budget = budget < MaxWait ? budget : MaxWait;
        var clock = Stopwatch.StartNew();
        await container.WaitUntilListeningAsync(port, budget);
        while (true)
        {
            var result = await RunAsync(container);
            if (result.ExitCode == 0 || container.HasExited || clock.Elapsed > budget)
            {
                return result;
            }
        }
    }
}
