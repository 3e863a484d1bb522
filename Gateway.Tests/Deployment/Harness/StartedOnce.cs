namespace Gateway.Tests.Deployment.Harness;

/// <summary>
/// A deployment a test class shares: started on first use (so a class whose tests are all skipped starts nothing) and disposed with the
/// class fixture. A failed start fails every test that uses it, with the same error.
/// </summary>
internal sealed class StartedOnce<T>(Func<Task<T>> start)
    where T : IAsyncDisposable
{
    private readonly Lazy<Task<T>> _started = new(start, LazyThreadSafetyMode.ExecutionAndPublication);

    public Task<T> Value => _started.Value;

    /// <summary>Disposes the deployment if it was started (and started successfully: a failed start cleans up after itself).</summary>
    public async Task StopAsync()
    {
        if (_started.IsValueCreated && await _started.Value.ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default))
        {
            await (await _started.Value).DisposeAsync();
        }
    }
}
