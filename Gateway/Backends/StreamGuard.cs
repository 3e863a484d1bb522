using System.Runtime.CompilerServices;

namespace Gateway.Backends;

/// <summary>One item of a guarded upstream stream, or why the stream broke (then <see cref="Item"/> is default).</summary>
internal readonly record struct StreamStep<T>(T Item, string? BreakReason);

/// <summary>
/// Enumerates an upstream event source so that a connection cut mid-body or an over-long line becomes a value the adapter can turn into
/// a failure chunk, instead of an exception escaping the stream. Cancellation still propagates.
/// </summary>
internal static class StreamGuard
{
    public static async IAsyncEnumerable<StreamStep<T>> ReadAsync<T>(IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var items = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                bool more;
                string? broken = null;
                try
                {
                    more = await items.MoveNextAsync();
                }
                catch (Exception e) when (e is IOException or InvalidDataException or HttpRequestException)
                {
                    more = false;
                    broken = e.Message;
                }

                if (broken is not null)
                {
                    yield return new StreamStep<T>(default!, broken);
                    yield break;
                }

                if (!more)
                {
                    yield break;
                }

                yield return new StreamStep<T>(items.Current, null);
            }
        }
        finally
        {
            await items.DisposeAsync();
        }
    }
}
