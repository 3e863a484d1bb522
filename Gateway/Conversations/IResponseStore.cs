namespace Gateway.Conversations;

/// <summary>Where stored responses live. Calls are synchronous: a save finishes before the client reads the answer it stores.</summary>
internal interface IResponseStore
{
    /// <summary>Keeps <paramref name="response"/>, replacing one with the same id.</summary>
    void Save(StoredResponse response);

    /// <summary>The response with <paramref name="id"/>; null when it is unknown, deleted or past its time to live.</summary>
    StoredResponse? Find(string id);

    /// <summary>Deletes the response with <paramref name="id"/>; false when there was none.</summary>
    bool Delete(string id);
}
