using Gateway.Exchange;
using Gateway.Routing;

namespace Gateway.Api;

internal static class RouteErrorExtensions
{
    public static ApiError ToApiError(this RouteError error) => new(error.StatusCode, error.Message, error.Param, error.Code);
}
