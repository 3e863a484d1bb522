using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>
/// A thread of this process inside a sandbox's network namespace. Sockets it creates belong to that namespace for their whole life, so
/// the tests connect and listen inside the sandbox from any thread through them.
/// </summary>
internal sealed class NetworkNamespace : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;

    private NetworkNamespace(string path)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _thread = new Thread(() => Run(path, entered)) { IsBackground = true, Name = $"netns {path}" };
        _thread.Start();
        entered.Task.GetAwaiter().GetResult();
    }

    /// <summary>Joins the network namespace of process <paramref name="pid"/>.</summary>
    public static NetworkNamespace Of(int pid) => new($"/proc/{pid}/ns/net");

    /// <summary>The inode naming a process's network namespace, to tell whether two processes share one.</summary>
    public static string IdOf(string pid) => new FileInfo($"/proc/{pid}/ns/net").LinkTarget ?? "";

    public Task<Socket> CreateSocketAsync(AddressFamily family) => RunAsync(() => new Socket(family, SocketType.Stream, ProtocolType.Tcp));

    public Task<T> RunAsync<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(5));
        _work.Dispose();
    }

    private void Run(string path, TaskCompletionSource entered)
    {
        try
        {
            using var handle = File.OpenHandle(path);
            if (LibC.SetNamespace(handle.DangerousGetHandle().ToInt32(), LibC.CloneNewNet) != 0)
            {
                throw new IOException($"setns({path}) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        catch (Exception e)
        {
            entered.SetException(e);
            return;
        }

        entered.SetResult();
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }
}
