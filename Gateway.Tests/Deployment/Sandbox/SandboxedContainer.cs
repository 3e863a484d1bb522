using System.Diagnostics;
using System.Net;

namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>
/// A container's process started as <see cref="ContainerSpec"/> says, in a private network and mount namespace of its own
/// (<c>unshare --net --mount</c>) that has only loopback: nothing it opens reaches this machine's network, and it goes away with the process.
/// The tests reach it through <see cref="Network"/>, run commands in it with <see cref="ExecAsync"/>, and connect to it with <see cref="HttpClient"/>.
/// </summary>
internal sealed class SandboxedContainer : IAsyncDisposable
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ListenPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly Process _process;
    private readonly ProcessOutput _output;
    private readonly string _scratch;
    private NetworkNamespace? _namespace;

    private SandboxedContainer(ContainerSpec spec, SandboxNetwork network, Process process, ProcessOutput output, string scratch)
    {
        Spec = spec;
        SandboxNetwork = network;
        _process = process;
        _output = output;
        _scratch = scratch;
    }

    public ContainerSpec Spec { get; }

    public SandboxNetwork SandboxNetwork { get; }

    /// <summary>A thread of this process in the container's network namespace (sockets made there connect and listen inside it).</summary>
    public NetworkNamespace Network => _namespace ?? throw new InvalidOperationException($"{Spec.Name} has no namespace: it exited during setup");

    /// <summary>Everything the container's process printed so far.</summary>
    public string Output => _output.Text;

    public bool HasExited => _process.HasExited;

    public static async Task<SandboxedContainer> StartAsync(ContainerSpec spec, SandboxNetwork network)
    {
        var scratch = SandboxSetup.Readable(Directory.CreateTempSubdirectory("gateway-sandbox-").FullName);
        var marker = $"sandbox-ready-{Guid.NewGuid():N}";
        var start = StartInfo(spec, HostTools.Require(HostTools.Unshare, "unshare"));
        foreach (var argument in new[] { "--net", "--mount", "--propagation", "private", "--", HostTools.Shell, "-c" })
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(SandboxSetup.Script(spec, network, scratch, marker, ContainerPrograms.Resolve(spec.Command[0], spec.Environment)));
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var output = new ProcessOutput(process, marker);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var container = new SandboxedContainer(spec, network, process, output, scratch);
        try
        {
            await container.EnterAsync();
            return container;
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }
    }

    /// <summary>The exit code once the process ends, within <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Spec.Name} still runs after {timeout.TotalSeconds:0} s; output:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>
    /// Runs <paramref name="command"/> inside the container as <c>docker exec</c> does: its namespaces, user, environment and working
    /// directory; killed when it outlasts <paramref name="timeout"/>.
    /// </summary>
    public async Task<ExecResult> ExecAsync(IReadOnlyList<string> command, TimeSpan timeout)
    {
        var start = StartInfo(Spec, HostTools.Require(HostTools.Nsenter, "nsenter"));
        foreach (var argument in new[] { $"--target={_process.Id}", "--net", "--mount", $"--wd={Spec.WorkingDirectory}", "--" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in SandboxSetup.Setpriv(Spec).Append(ContainerPrograms.Resolve(command[0], Spec.Environment)).Concat(command.Skip(1)))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var output = new ProcessOutput(process);
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
            process.WaitForExit();
            return new ExecResult(process.ExitCode, output.Text, clock.Elapsed);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new ExecResult(null, output.Text, clock.Elapsed);
        }
    }

    /// <summary>
    /// Waits until something in the container accepts connections on <paramref name="port"/> of its address, as a client retrying its
    /// connection would; false when the process exits or <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<bool> WaitUntilListeningAsync(int port, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var endpoint = new IPEndPoint(SandboxNetwork.ContainerAddress, port);
        while (!_process.HasExited && clock.Elapsed < timeout)
        {
            using var socket = await Network.CreateSocketAsync(endpoint.AddressFamily);
            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await socket.ConnectAsync(endpoint, attempt.Token);
                return true;
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException)
            {
                await Task.Delay(ListenPollInterval);
            }
        }

        return false;
    }

    /// <summary>An HTTP client connecting from <paramref name="from"/> (an address of the network) inside the container's namespace.</summary>
    public HttpClient HttpClient(IPAddress from, TimeSpan timeout) =>
        new(NamespaceHttp.Handler(Network, from, SandboxNetwork.Resolve)) { Timeout = timeout };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using (var cancellation = new CancellationTokenSource(StopTimeout))
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }

        _namespace?.Dispose();
        _process.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    public override string ToString() => $"{Spec.Name} (pid {_process.Id})";

    private static ProcessStartInfo StartInfo(ContainerSpec spec, string program)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        start.Environment.Clear();
        foreach (var (name, value) in spec.Environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Waits until the setup script has built the namespace, then joins its network namespace (unless the process is gone already).</summary>
    private async Task EnterAsync()
    {
        var ended = _process.WaitForExitAsync();
        Task first;
        try
        {
            first = await Task.WhenAny(_output.MarkerSeen, ended).WaitAsync(SetupTimeout);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"{Spec.Name}: the sandbox setup did not finish within {SetupTimeout.TotalSeconds:0} s:\n{Output}");
        }

        if (first != _output.MarkerSeen && !_output.MarkerSeen.IsCompleted)
        {
            throw new InvalidOperationException($"{Spec.Name}: the sandbox setup failed (exit {_process.ExitCode}):\n{Output}");
        }

        try
        {
            var pid = _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (NetworkNamespace.IdOf(pid) == NetworkNamespace.IdOf("self"))
            {
                throw new InvalidOperationException($"{Spec.Name}: the process is not in a network namespace of its own");
            }

            _namespace = NetworkNamespace.Of(_process.Id);
        }
        catch (IOException) when (_process.HasExited)
        {
            // It ran and ended already (a container that refuses to start); there is no namespace left to join.
        }
    }
}
