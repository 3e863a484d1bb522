using System.Diagnostics;
using System.Text;

namespace Gateway.Tests.Cli;

/// <summary>
/// Runs the built <c>Gateway.dll</c> as its own process, as a user would (<c>dotnet Gateway.dll …</c>), in a working directory of the
/// test's choosing and with only the environment given (plus what the .NET host needs), and collects what it prints.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GatewayProcess(Process process) => _process = process;

    public string Stdout { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string Stderr { get { lock (_stderr) { return _stderr.ToString(); } } }

    public int ExitCode => _process.ExitCode;

    public static GatewayProcess Start(string workingDirectory, IEnumerable<string> args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Gateway.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(IsGatewayVariable).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var running = new GatewayProcess(process);
        process.OutputDataReceived += (_, line) => Append(running._stdout, line.Data);
        process.ErrorDataReceived += (_, line) => Append(running._stderr, line.Data);
        process.Exited += (_, _) => running._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Runs to its end (at most <paramref name="limit"/>, else it is killed and the test fails).</summary>
    public static async Task<GatewayProcess> RunAsync(string workingDirectory, IEnumerable<string> args, params (string Name, string Value)[] environment)
    {
        var process = Start(workingDirectory, args, environment);
        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return process;
    }

    public async Task WaitForExitAsync(TimeSpan limit)
    {
        if (await Task.WhenAny(_exited.Task, Task.Delay(limit)) != _exited.Task)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"the gateway did not exit within {limit.TotalSeconds} s; it printed:\n{Stdout}\n{Stderr}");
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Waits until the process has printed <paramref name="text"/> on standard output.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || _exited.Task.IsCompleted)
            {
                Assert.Fail($"the gateway did not print '{text}' within {limit.TotalSeconds} s; it printed:\n{Stdout}\n{Stderr}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>Variables of the test run's own environment that would change what the gateway does.</summary>
    private static bool IsGatewayVariable(string name) =>
        name.StartsWith("GATEWAY_", StringComparison.Ordinal) || name.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
        || name.StartsWith("OTEL_", StringComparison.Ordinal) || name.EndsWith("_API_KEY", StringComparison.Ordinal);

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}
