namespace Gateway.Tests.Deployment.Kubernetes;

/// <summary>The security context in force for a container: its own <c>securityContext</c> over the pod's.</summary>
internal sealed record PodSecurity(int? RunAsUser, int? RunAsGroup, bool RunAsNonRoot, bool ReadOnlyRoot, bool AllowPrivilegeEscalation, bool DropAll);
