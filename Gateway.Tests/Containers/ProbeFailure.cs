namespace Gateway.Tests.Containers;

/// <summary>A failed probe call in a few words: the innermost cause (<c>Connection refused</c>, <c>Name or service not known</c>), or the timeout.</summary>
internal static class ProbeFailure
{
    public static string Describe(Exception e, TimeSpan timeout) => e is OperationCanceledException
        ? $"no answer within {timeout.TotalSeconds:0} s"
        : Chain(e).Last().Message;

    public static IEnumerable<Exception> Chain(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
