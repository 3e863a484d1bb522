namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>
/// A fact that starts a deployment in a sandbox (<see cref="SandboxedContainer"/>): skipped, with the exact reason, where this process
/// cannot make one (see <see cref="SandboxAvailability"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NamespaceFactAttribute : FactAttribute
{
    public NamespaceFactAttribute()
    {
        if (SandboxAvailability.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
