namespace Gateway.Tests.Parity.Responses;

/// <summary>
/// The config that gives a gateway its store of responses: the top-level <c>responses:</c> section naming the database file. A new
/// gateway started on the same path continues the chains the last one stored.
/// </summary>
internal static class ResponsesStore
{
    /// <summary>Why the tests of stored responses do not run yet.</summary>
    public const string NotServedYet =
        "the gateway does not store responses yet: previous_response_id is answered 400 previous_response_not_found and "
        + "GET/DELETE /v1/responses/{id} are not served (README, Use with the Responses API)";

    public static string NewPath() => Path.Combine(Path.GetTempPath(), $"gateway-responses-{Guid.NewGuid():N}.db");

    public static string Section(string path) => $"""

        responses:
          database_path: "{path}"

        """;

    /// <summary>Removes the database and the files a database keeps beside it.</summary>
    public static void Delete(string path)
    {
        foreach (var file in (string[])[path, $"{path}-wal", $"{path}-shm", $"{path}-journal"])
        {
            File.Delete(file);
        }
    }
}
