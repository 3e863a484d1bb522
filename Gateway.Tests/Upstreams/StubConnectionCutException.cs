namespace Gateway.Tests.Upstreams;

/// <summary>Thrown out of a stub's request handler on purpose, so the server ends the connection mid-response.</summary>
internal sealed class StubConnectionCutException : Exception
{
    public StubConnectionCutException()
        : base("The stub cut the connection after the scripted events, as the script asked.")
    {
    }

    public StubConnectionCutException(string message)
        : base(message)
    {
    }

    public StubConnectionCutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
