using Microsoft.AspNetCore.Http;

namespace Gateway.Redaction;

/// <summary>
/// Masks secrets and URL user-info in every ProblemDetails the gateway writes (its own refusals, the pass-through's errors, the
/// framework's status pages), as <see cref="SecretRedactor.Redact(Gateway.Exchange.ApiError)"/> does for OpenAI error JSON.
/// </summary>
internal static class RedactedProblems
{
    public static void Apply(ProblemDetailsOptions options, SecretRedactor redactor)
    {
        var previous = options.CustomizeProblemDetails;
        options.CustomizeProblemDetails = context =>
        {
            previous?.Invoke(context);
            Redact(context.ProblemDetails, redactor);
        };
    }

    private static void Redact(Microsoft.AspNetCore.Mvc.ProblemDetails problem, SecretRedactor redactor)
    {
        problem.Title = RedactOrNull(problem.Title, redactor);
        problem.Detail = RedactOrNull(problem.Detail, redactor);
        problem.Instance = RedactOrNull(problem.Instance, redactor);
        foreach (var (name, value) in problem.Extensions.ToArray())
        {
            if (value is string text)
            {
                problem.Extensions[name] = redactor.Redact(text);
            }
        }
    }

    private static string? RedactOrNull(string? text, SecretRedactor redactor) => text is null ? null : redactor.Redact(text);
}
