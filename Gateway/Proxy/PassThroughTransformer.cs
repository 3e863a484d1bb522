using Gateway.Configuration;
using Gateway.Surfaces;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Proxy;

/// <summary>
/// Shapes one forwarded exchange: the request goes to the native path (the part after <c>/proxy/&lt;backend&gt;</c>) with the query
/// as sent and the backend's credentials instead of the client's; the response comes back as the upstream sent it, plus the gateway's
/// <c>x-gateway-*</c> headers. Bodies are not touched in either direction.
/// </summary>
internal sealed class PassThroughTransformer(BackendConfig backend, PassThroughTarget target, string nativePath) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, new PathString("/" + nativePath), httpContext.Request.QueryString);
        PassThroughCredentials.Apply(proxyRequest, backend, target.ApiKey);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        GatewayHeaders.Set(httpContext.Response, backend.Name, null, 1);
        return proceed;
    }
}
