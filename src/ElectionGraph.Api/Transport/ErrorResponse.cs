using System.Text.Json;
using ElectionGraph.Api.Telemetry;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// A refusal written before GraphQL runs (by middleware): the status, and a GraphQL error body with its code. Each is
/// counted by its code (<see cref="Instruments.Refused"/>): rate limits, budgets, open streams, origins.
/// </summary>
public static class ErrorResponse
{
    public static Task WriteAsync(HttpResponse response, int status, string code, string message)
    {
        Count(response.HttpContext, code);
        response.StatusCode = status;
        // Options given, not looked up: a stopping host may have disposed the services they would come from.
        return response.WriteAsJsonAsync(new { errors = new[] { new { message, extensions = new { code } } } }, JsonSerializerOptions.Web, CancellationToken.None);
    }

    private static void Count(HttpContext http, string code)
    {
        try
        {
            http.RequestServices.GetService<Instruments>()?.Refused(code);
        }
        catch (ObjectDisposedException)
        {
            // A request cut short as the host stops (SHUTTING_DOWN): its services are gone, and so is anyone to scrape the count.
        }
    }
}
