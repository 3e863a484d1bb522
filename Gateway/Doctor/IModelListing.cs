namespace Gateway.Doctor;

/// <summary>
/// How one protocol family lists the models an endpoint serves (the body of its readiness probe) and how a configured name is found
/// in that list. One implementation per family that can list; Azure's data plane cannot list deployments, so it has none.
/// </summary>
internal interface IModelListing
{
    /// <summary>Adjusts the probe request to ask for the whole list in one page, for APIs that page; most do not.</summary>
    void AskForAll(HttpRequestMessage probe)
    {
    }

    /// <summary>The model names in a 2xx listing body, or null when the body is not this API's listing.</summary>
    IReadOnlyList<string>? Read(ReadOnlySpan<byte> body);

    /// <summary>The listed name that serves <paramref name="model"/> (itself, or the form the server lists it in), or null.</summary>
    string? Find(string model, IReadOnlyList<string> listed);

    /// <summary>The FAIL text for a configured model the endpoint does not list, ending with the fix.</summary>
    string Missing(ExpectedModel model, EndpointTarget target, IReadOnlyList<string> listed);

    /// <summary>The fix when a 2xx answer is not a listing (usually the base URL points at something else).</summary>
    string NotAListing(EndpointTarget target);
}
