namespace Gateway.Api.OpenApi;

/// <summary>The names of the documented endpoints that have examples, shared by where they are mapped and <see cref="Examples"/>.</summary>
internal static class ExampleNames
{
    public const string ListTools = "ListTools";
    public const string InvokeTool = "InvokeTool";
    public const string SelectModel = "SelectModel";
    public const string CountTokens = "CountMessageTokens";
    public const string CreateMessage = "CreateMessage";
    public const string CreateResponse = "CreateResponse";
}
