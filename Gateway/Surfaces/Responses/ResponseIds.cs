using System.Security.Cryptography;

namespace Gateway.Surfaces.Responses;

/// <summary>Ids in the Responses API's style for what the gateway composes: <c>resp_</c>, <c>msg_</c>, <c>fc_</c>, <c>rs_</c> and 48 hex digits.</summary>
internal static class ResponseIds
{
    public static string Response() => New("resp_");

    public static string Message() => New("msg_");

    public static string FunctionCall() => New("fc_");

    public static string Reasoning() => New("rs_");

    /// <summary>For an input item the client sent without an id, so the stored conversation can list it.</summary>
    public static string Item(string? type) => type switch
    {
        "function_call" => FunctionCall(),
        "function_call_output" => New("fco_"),
        "reasoning" => Reasoning(),
        _ => Message(),
    };

    private static string New(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
