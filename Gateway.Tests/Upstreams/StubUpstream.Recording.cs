using System.Text;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Upstreams;

internal sealed partial class StubUpstream
{
    private readonly Lock _recordingGate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Dictionary<int, TaskCompletionSource<RecordedRequest>> _waiters = [];

    /// <summary>A snapshot of every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_recordingGate)
            {
                return [.. _requests];
            }
        }
    }

    public int RequestCount
    {
        get
        {
            lock (_recordingGate)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>
    /// The <paramref name="number"/>-th request (1-based), as soon as it has arrived and been recorded (before it is answered).
    /// Throws <see cref="TimeoutException"/> saying how many did arrive when it does not come within <paramref name="timeout"/>.
    /// </summary>
    public async Task<RecordedRequest> WaitForRequestAsync(int number, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        Task<RecordedRequest> arrival;
        lock (_recordingGate)
        {
            if (_requests.Count >= number)
            {
                return _requests[number - 1];
            }

            if (!_waiters.TryGetValue(number, out var waiter))
            {
                waiter = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add(number, waiter);
            }

            arrival = waiter.Task;
        }

        try
        {
            return await arrival.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{this} received {RequestCount} request(s) within {timeout}; request #{number} never came.");
        }
    }

    private async Task<RecordedRequest> RecordAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(http.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in http.Headers)
        {
            headers[name] = values.ToString();
        }

        RecordedRequest request;
        TaskCompletionSource<RecordedRequest>? waiter;
        lock (_recordingGate)
        {
            request = new RecordedRequest(_requests.Count + 1, http.Method, http.Path.Value ?? "", http.QueryString.Value ?? "", headers, body);
            _requests.Add(request);
            _waiters.Remove(request.Number, out waiter);
        }

        waiter?.TrySetResult(request);
        return request;
    }
}
