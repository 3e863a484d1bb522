namespace Gateway.Tests.Deployment.Docker;

/// <summary>
/// <c>docker build</c> without a Docker engine: each stage's instructions applied to the image config they describe, COPY checked against
/// the build context and its <c>.dockerignore</c>. What RUN produces is not rebuilt: a <c>dotnet publish</c> output stands for the build
/// output of that project this test run already has (see <see cref="PublishedOutput"/>).
/// </summary>
internal static class DockerBuild
{
    public static IReadOnlyList<BuildStage> Stages(string context, string dockerfile = "Dockerfile")
    {
        var instructions = DockerfileReader.Read(Path.Combine(context, dockerfile));
        var ignore = DockerIgnore.Of(context);
        var globalArgs = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<BuildStage>();
        StageBuilder? current = null;
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                if (current is not null)
                {
                    stages.Add(current.Build());
                }

                current = StageBuilder.From(instruction, globalArgs, stages, context, ignore);
            }
            else if (current is null)
            {
                AddGlobalArg(instruction, globalArgs);
            }
            else
            {
                current.Apply(instruction);
            }
        }

        if (current is null)
        {
            throw new DockerBuildException($"{dockerfile} has no FROM");
        }

        stages.Add(current.Build());
        return stages;
    }

    /// <summary>The image <c>docker build --target</c> makes: the named stage, else the last one.</summary>
    public static ImageConfig Image(string context, string dockerfile = "Dockerfile", string? target = null)
    {
        var stages = Stages(context, dockerfile);
        var stage = target is null ? stages[^1] : stages.SingleOrDefault(s => s.Name == target)
            ?? throw new DockerBuildException($"{dockerfile} has no stage named '{target}'");
        if (stage.Runs.Count > 0)
        {
            throw new NotSupportedException(
                $"{dockerfile}: the image's stage runs '{stage.Runs[0].Command}' (line {stage.Runs[0].Line}), whose changes to the image these tests cannot reproduce");
        }

        return stage.Image;
    }

    private static void AddGlobalArg(DockerInstruction instruction, Dictionary<string, string> globalArgs)
    {
        if (instruction.Keyword != "ARG")
        {
            throw new DockerBuildException($"{instruction}: only ARG may come before the first FROM");
        }

        foreach (var word in DockerWords.Split(instruction.Arguments, globalArgs))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            globalArgs[equals < 0 ? word : word[..equals]] = equals < 0 ? "" : word[(equals + 1)..];
        }
    }
}
