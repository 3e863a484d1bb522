using System.Security.Cryptography;

namespace Gateway.Tests.Deployment.Harness;

/// <summary>A fresh gateway key as the deployment files tell their users to make one (<c>openssl rand -hex 32</c>).</summary>
internal static class GatewayKeys
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
