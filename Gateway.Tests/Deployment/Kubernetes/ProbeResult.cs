namespace Gateway.Tests.Deployment.Kubernetes;

/// <summary>One probe as the kubelet judges it: success for a status from 200 to 399 within the probe's timeout.</summary>
internal sealed record ProbeResult(bool Success, int? Status, string Detail)
{
    public override string ToString() => Detail;
}
