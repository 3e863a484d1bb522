using System.Diagnostics;
using System.Text;

namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>Collects what a process prints on both streams, line by line, and signals when a given line appears on stderr.</summary>
internal sealed class ProcessOutput
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();
    private readonly string? _marker;
    private readonly TaskCompletionSource _markerSeen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ProcessOutput(Process process, string? marker = null)
    {
        _marker = marker;
        process.OutputDataReceived += (_, e) => Add(e.Data, fromError: false);
        process.ErrorDataReceived += (_, e) => Add(e.Data, fromError: true);
    }

    /// <summary>Completes when the marker line has been printed.</summary>
    public Task MarkerSeen => _markerSeen.Task;

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    private void Add(string? line, bool fromError)
    {
        if (line is null)
        {
            return;
        }

        if (fromError && line == _marker)
        {
            _markerSeen.TrySetResult();
            return;
        }

        lock (_gate)
        {
            _text.Append(line).Append('\n');
        }
    }
}
