using System.Globalization;
using System.Text.RegularExpressions;
using Gateway.Tests.Deployment.Sandbox;

namespace Gateway.Tests.Deployment.Docker;

internal sealed partial class StageBuilder
{
    private static readonly HashSet<string> PublishOptionsWithValue =
        ["-c", "--configuration", "-f", "--framework", "-r", "--runtime", "-v", "--verbosity", "-a", "--arch", "--os", "--version-suffix"];

    /// <summary>
    /// <c>COPY [--from=stage] src... dest</c>: context files must exist and not be excluded by <c>.dockerignore</c> (else the build fails);
    /// a source of another stage must be something that stage has or publishes.
    /// </summary>
    private void ApplyCopy(DockerInstruction instruction)
    {
        var text = instruction.Arguments;
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        while (text.StartsWith("--", StringComparison.Ordinal))
        {
            var end = text.IndexOf(' ', StringComparison.Ordinal);
            var flag = text[2..end];
            var equals = flag.IndexOf('=', StringComparison.Ordinal);
            flags[equals < 0 ? flag : flag[..equals]] = equals < 0 ? "true" : flag[(equals + 1)..];
            text = text[end..].TrimStart();
        }

        var words = text.StartsWith('[') ? DockerWords.Command(text) : DockerWords.Split(text, Variables);
        if (words.Count < 2)
        {
            throw new DockerBuildException($"{instruction}: COPY needs a source and a destination");
        }

        var destination = ContainerPath.Resolve(_workdir, words[^1]);
        var intoFolder = words[^1].EndsWith('/') || words[^1] is "." || words.Count > 2;
        foreach (var source in words[..^1])
        {
            if (flags.TryGetValue("from", out var from))
            {
                CopyFromStage(instruction, from, source, destination);
            }
            else
            {
                CopyFromContext(instruction, source, destination, intoFolder);
            }
        }
    }

    private void CopyFromStage(DockerInstruction instruction, string from, string source, string destination)
    {
        var stage = (int.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _earlier.Count
            ? _earlier[index]
            : _earlier.FirstOrDefault(s => s.Name == from))
            ?? throw new NotSupportedException($"{instruction}: --from={from} is not an earlier stage; these tests do not pull images");
        var path = ContainerPath.Resolve("/", source);
        if (stage.PublishOutputs.TryGetValue(path, out var project))
        {
            _layers.Add(new ImageLayer(destination, PublishedOutput.Of(_context, project)));
            return;
        }

        var layers = stage.Image.Layers.Where(layer => ContainerPath.IsWithin(layer.Destination, path)).ToList();
        if (layers.Count == 0)
        {
            var outputs = string.Join(", ", stage.PublishOutputs.Select(output => $"{output.Value} to {output.Key}"));
            throw new DockerBuildException(
                $"{instruction}: stage '{from}' has nothing at {path}" + (outputs.Length > 0 ? $" (it publishes {outputs})" : ""));
        }

        _layers.AddRange(layers.Select(layer =>
            new ImageLayer(ContainerPath.Combine(destination, ContainerPath.Relative(layer.Destination, path)), layer.HostPath)));
    }

    private void CopyFromContext(DockerInstruction instruction, string source, string destination, bool intoFolder)
    {
        var relative = source.Replace('\\', '/').Trim('/');
        if (relative.IndexOfAny(['*', '?', '[']) >= 0)
        {
            var pattern = new Regex("^" + Regex.Escape(relative).Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$");
            var matches = ContextFiles("").Where(file => pattern.IsMatch(file)).ToList();
            if (matches.Count == 0)
            {
                throw new DockerBuildException($"{instruction}: no file of the build context matches {source}");
            }

            _layers.AddRange(matches.Select(file => new ImageLayer(ContainerPath.Combine(destination, Path.GetFileName(file)), Path.Combine(_context, file))));
            return;
        }

        var hostPath = Path.Combine(_context, relative);
        var exists = relative.Length == 0 || File.Exists(hostPath) || Directory.Exists(hostPath);
        if (!exists || (relative.Length > 0 && _ignore.Excludes(relative)))
        {
            throw new DockerBuildException(
                $"{instruction}: {source} is not in the build context" + (exists ? " (.dockerignore excludes it)" : $" ({hostPath} does not exist)"));
        }

        if (File.Exists(hostPath))
        {
            _layers.Add(new ImageLayer(intoFolder ? ContainerPath.Combine(destination, Path.GetFileName(hostPath)) : destination, hostPath));
            return;
        }

        _layers.AddRange(ContextFiles(relative).Select(file =>
            new ImageLayer(ContainerPath.Combine(destination, relative.Length == 0 ? file : file[(relative.Length + 1)..]), Path.Combine(_context, file))));
    }

    /// <summary>The context-relative paths of the files under <paramref name="folder"/> that the builder receives.</summary>
    private IEnumerable<string> ContextFiles(string folder)
    {
        var pending = new Stack<string>([folder]);
        while (pending.TryPop(out var current))
        {
            var full = Path.Combine(_context, current);
            foreach (var entry in Directory.EnumerateFileSystemEntries(full).Order(StringComparer.Ordinal))
            {
                var relative = current.Length == 0 ? Path.GetFileName(entry) : $"{current}/{Path.GetFileName(entry)}";
                if (_ignore.Excludes(relative))
                {
                    continue;
                }

                if (Directory.Exists(entry))
                {
                    pending.Push(relative);
                }
                else
                {
                    yield return relative;
                }
            }
        }
    }

    /// <summary>Records the RUN with the files it sees; a <c>dotnet publish ... --output dir</c> in it makes dir that project's output.</summary>
    private void ApplyRun(DockerInstruction instruction)
    {
        _runs.Add(new BuildRun(instruction.Arguments, _workdir, [.. _layers], instruction.Line));
        foreach (var command in instruction.Arguments.Split(["&&", ";"], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var words = DockerWords.Split(command, Variables);
            if (words.Count < 2 || words[0] != "dotnet" || words[1] != "publish")
            {
                continue;
            }

            string? project = null;
            string? output = null;
            for (var i = 2; i < words.Count; i++)
            {
                var word = words[i];
                if (word is "-o" or "--output" && i + 1 < words.Count)
                {
                    output = words[++i];
                }
                else if (word.StartsWith("--output=", StringComparison.Ordinal))
                {
                    output = word["--output=".Length..];
                }
                else if (PublishOptionsWithValue.Contains(word))
                {
                    i++;
                }
                else if (!word.StartsWith('-') && project is null)
                {
                    project = word;
                }
            }

            if (project is null || output is null)
            {
                throw new NotSupportedException($"{instruction}: these tests follow a dotnet publish only when it names its project and --output");
            }

            var projectPath = ContainerPath.Resolve(_workdir, project);
            var layer = _layers.LastOrDefault(l => l.Destination == projectPath)
                ?? throw new DockerBuildException($"{instruction}: {projectPath} was never copied into the stage");
            _publishOutputs[ContainerPath.Resolve(_workdir, output)] = Path.GetRelativePath(_context, layer.HostPath).Replace('\\', '/');
        }
    }
}
