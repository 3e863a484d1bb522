using System.Text.RegularExpressions;

namespace Gateway.Backends.Ollama;

/// <summary>
/// Ollama's 404 for a model it has not pulled (<c>model 'x' not found</c>, or <c>model "x" not found, try pulling it first</c>), told
/// with the command that fixes it: a model that is still being pulled, or was never pulled, says so plainly.
/// </summary>
internal static partial class OllamaModelMissing
{
    /// <summary><paramref name="failure"/> with the <c>ollama pull</c> to run when it is a missing model; otherwise as it is.</summary>
    public static UpstreamFailure WithPullHint(UpstreamFailure failure)
    {
        if (failure.StatusCode != 404 || MissingModel().Match(failure.Message) is not { Success: true } match)
        {
            return failure;
        }

        var model = match.Groups["model"].Value;
        return failure with
        {
            Message = $"{failure.Message}: the model is not pulled on this Ollama; run `ollama pull {model}` there, or wait for a pull in progress to finish",
        };
    }

    [GeneratedRegex("""^model ['"](?<model>[^'"]+)['"] not found""")]
    private static partial Regex MissingModel();
}
