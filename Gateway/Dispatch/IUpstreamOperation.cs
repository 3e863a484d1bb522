using Gateway.Backends;
using Gateway.Routing;

namespace Gateway.Dispatch;

/// <summary>
/// What one kind of try sends and reads (a whole chat answer, a chat stream up to its first event, embeddings): the only part that
/// differs between them. Everything else a try does is written once, in the stages of <see cref="IUpstreamCall"/>.
/// </summary>
internal interface IUpstreamOperation<TAnswer>
{
    /// <summary>The GenAI operation name (<c>chat</c>, <c>embeddings</c>) for spans, metrics and the record.</summary>
    string Name { get; }

    /// <summary>The model the client asked for, as spans report it.</summary>
    string? RequestedModel { get; }

    /// <summary>What the try waits for, for the timeout message: <c>a complete answer</c>, <c>a first event</c>.</summary>
    string Awaited { get; }

    /// <summary>The protocol of <paramref name="candidate"/>, whose failures the core reads.</summary>
    IBackendProtocol ProtocolOf(Candidate candidate);

    /// <summary>The upstream request; throws <see cref="UnsupportedRequestException"/> when the request cannot be put in its terms.</summary>
    HttpRequestMessage Build(Candidate candidate);

    /// <summary>Reads a 2xx answer. The operation owns <paramref name="response"/> and disposes it unless the answer keeps it.</summary>
    Task<Outcome<TAnswer>> ReadAsync(HttpResponseMessage response, UpstreamTry attempt, CancellationToken cancellationToken);
}
