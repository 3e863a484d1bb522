namespace Gateway.Tests.Deployment.Compose;

/// <summary><c>docker compose</c> refuses the file: a <c>${VAR:?message}</c> without a value, or a malformed <c>$</c> reference.</summary>
internal sealed class ComposeInterpolationException(string message) : Exception(message);
