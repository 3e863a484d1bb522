using YamlDotNet.Core;

namespace Gateway.Configuration;

/// <summary>
/// Errors and warnings found while reading one config file, each tied to a line and column, reported together in file order as
/// <c>config/config.yaml:12:5: llm.fallback_backends[0]: unknown backend 'opneai'; ...</c>.
/// </summary>
internal sealed class ConfigDiagnostics(string sourcePath)
{
    private readonly List<Entry> _errors = [];
    private readonly List<Entry> _warnings = [];

    public string SourcePath { get; } = sourcePath;

    public bool HasErrors => _errors.Count > 0;

    public void Error(Mark at, string path, string message) => _errors.Add(new Entry(at, _errors.Count, Format(at, path, message)));

    public void Warning(Mark at, string path, string message) => _warnings.Add(new Entry(at, _warnings.Count, Format(at, path, message)));

    /// <summary>All errors, one per line, in file order.</summary>
    public string FormatErrors() => string.Join('\n', InFileOrder(_errors));

    public IReadOnlyList<string> FormatWarnings() => InFileOrder(_warnings);

    /// <summary>The operator-facing form of one problem: <c>file:line:column: key.path: message</c>.</summary>
    public string Format(Mark at, string path, string message) =>
        path.Length == 0
            ? $"{SourcePath}:{at.Line}:{at.Column}: {message}"
            : $"{SourcePath}:{at.Line}:{at.Column}: {path}: {message}";

    private static string[] InFileOrder(List<Entry> entries) =>
        [.. entries.OrderBy(e => e.At.Line).ThenBy(e => e.At.Column).ThenBy(e => e.Sequence).Select(e => e.Text)];

    private readonly record struct Entry(Mark At, int Sequence, string Text);
}
