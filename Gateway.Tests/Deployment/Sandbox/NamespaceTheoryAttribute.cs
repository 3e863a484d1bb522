namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>A theory whose cases each start a deployment in a sandbox; skipped like <see cref="NamespaceFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NamespaceTheoryAttribute : TheoryAttribute
{
    public NamespaceTheoryAttribute()
    {
        if (SandboxAvailability.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
