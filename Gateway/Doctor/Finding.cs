namespace Gateway.Doctor;

/// <summary>One line of the report: what was checked, where, and (when it failed) how to fix it.</summary>
/// <param name="Backend">The backend section name (<c>ollama</c>), or <c>config</c> for remarks about the file.</param>
/// <param name="Where">The endpoint checked, secrets masked; empty when the line is about no endpoint.</param>
/// <param name="Message">The finding; a failing one ends with the fix.</param>
internal sealed record Finding(FindingStatus Status, string Backend, string Where, string Message)
{
    public static Finding Ok(EndpointTarget target, string message) => new(FindingStatus.Ok, target.Backend.Name, target.DisplayUrl, message);

    public static Finding Fail(EndpointTarget target, string message) => new(FindingStatus.Fail, target.Backend.Name, target.DisplayUrl, message);

    public static Finding Note(EndpointTarget target, string message) => new(FindingStatus.Note, target.Backend.Name, target.DisplayUrl, message);
}
