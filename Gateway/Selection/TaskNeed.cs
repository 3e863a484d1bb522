namespace Gateway.Selection;

/// <summary>What a task description asks of a model, read from its words; each need is met by a group of specializations.</summary>
internal enum TaskNeed
{
    Code,
    Reasoning,
    Quick,
    LongContext,
}

/// <summary>The names of the needs and the specializations that meet each.</summary>
internal static class TaskNeeds
{
    public static IReadOnlyList<TaskNeed> All { get; } = [TaskNeed.Code, TaskNeed.Reasoning, TaskNeed.Quick, TaskNeed.LongContext];

    public static string Name(TaskNeed need) => need switch
    {
        TaskNeed.Code => "code",
        TaskNeed.Reasoning => "reasoning",
        TaskNeed.Quick => "quick",
        _ => "long-context",
    };

    /// <summary>The specializations (see <see cref="Configuration.SelectorVocabulary.Specializations"/>) that meet <paramref name="need"/>.</summary>
    public static IReadOnlyList<string> MetBy(TaskNeed need) => need switch
    {
        TaskNeed.Code => ["code-generation", "debugging", "refactoring"],
        TaskNeed.Reasoning => ["analysis", "reasoning", "complex-tasks"],
        TaskNeed.Quick => ["quick-responses", "simple-tasks", "triage"],
        _ => ["long-context", "documents", "books"],
    };

    /// <summary>True when one of <paramref name="specializations"/> meets <paramref name="need"/>.</summary>
    public static bool Meets(IReadOnlyList<string> specializations, TaskNeed need)
    {
        foreach (var specialization in MetBy(need))
        {
            if (specializations.Contains(specialization))
            {
                return true;
            }
        }

        return false;
    }
}
