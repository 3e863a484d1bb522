using System.Net;
using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Resilience;
using static Gateway.Tests.Backends.Anthropic.AnthropicTestKit;

namespace Gateway.Tests.Backends.Anthropic;

/// <summary>Non-2xx answers, and the embeddings Anthropic does not have.</summary>
public sealed class AnthropicFailureTests
{
    [Fact]
    public async Task ReadFailureAsync_AuthenticationError_MessageAndTypeWithoutTheKey()
    {
        using var response = Response(
            HttpStatusCode.Unauthorized,
            """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_011CSLsW7mFqvHHnzrKdKjAE"}""");

        var failure = await Protocol().ReadFailureAsync(response, CancellationToken.None);

        Assert.Equal(FailureKind.Status, failure.Kind);
        Assert.Equal(401, failure.StatusCode);
        Assert.Equal("authentication_error", failure.Code);
        Assert.StartsWith("invalid x-api-key", failure.Message, StringComparison.Ordinal);
        Assert.Contains("req_011CSLsW7mFqvHHnzrKdKjAE", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.RetryAfter);
        Assert.False(FailureClass.IsTransient(failure));
    }

    [Fact]
    public async Task ReadFailureAsync_Overloaded529WithRetryAfter_TransientWithTheWait()
    {
        using var response = Response((HttpStatusCode)529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""");
        response.Headers.Add("retry-after", "7");

        var failure = await Protocol().ReadFailureAsync(response, CancellationToken.None);

        Assert.Equal(529, failure.StatusCode);
        Assert.Equal("overloaded_error", failure.Code);
        Assert.Equal("Overloaded", failure.Message);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
        Assert.True(FailureClass.IsTransient(failure));
    }

    [Fact]
    public async Task ReadFailureAsync_RateLimited429WithRetryAfter_CarriesTheWait()
    {
        using var response = Response(
            HttpStatusCode.TooManyRequests,
            """{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}""");
        response.Headers.Add("retry-after", "30");

        var failure = await Protocol().ReadFailureAsync(response, CancellationToken.None);

        Assert.Equal(429, failure.StatusCode);
        Assert.Equal("rate_limit_error", failure.Code);
        Assert.Equal(TimeSpan.FromSeconds(30), failure.RetryAfter);
    }

    [Fact]
    public async Task ReadFailureAsync_HtmlPage_DescribedAsHtmlWithStatusAndRetryAfter()
    {
        using var response = Response(HttpStatusCode.BadGateway, "<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>", "text/html");
        response.Headers.Add("retry-after", "2");

        var failure = await Protocol().ReadFailureAsync(response, CancellationToken.None);

        Assert.Equal(FailureKind.Status, failure.Kind);
        Assert.Equal(502, failure.StatusCode);
        Assert.Null(failure.Code);
        Assert.Contains("HTML", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<title>", failure.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(2), failure.RetryAfter);
    }

    [Fact]
    public async Task ReadFailureAsync_InvalidRequest_IsAClientError()
    {
        using var response = Response(
            HttpStatusCode.BadRequest,
            """{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"},"request_id":null}""");

        var failure = await Protocol().ReadFailureAsync(response, CancellationToken.None);

        Assert.Equal("max_tokens: Field required", failure.Message);
        Assert.Equal("invalid_request_error", failure.Code);
        Assert.True(failure.IsClientError);
    }

    [Fact]
    public void Protocol_HasNoEmbeddingsCapability_BecauseAnthropicHasNoEmbeddingsApi()
    {
        Assert.IsNotAssignableFrom<IEmbeddingsProtocol>(Protocol());
        Assert.Null(new BackendProtocols([Protocol()]).Embeddings(BackendKind.Anthropic));
    }
}
