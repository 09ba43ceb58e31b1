using System.Globalization;
using ElectionGraph.Api.Budgets;
using ElectionGraph.Api.Cors;
using ElectionGraph.Api.Security;
using GraphQL;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// Errors that call for their own HTTP status whatever the media type, wherever an answer goes out over HTTP
/// (POST, GET, an SSE refusal): 401 without a key, 403 without the role a field needs or for a mutation from a page
/// whose origin may not send one, 429 with <c>Retry-After</c> over budget.
/// </summary>
public static class ErrorStatus
{
    /// <returns>The status; null when the answer's errors call for none of their own.</returns>
    public static int? Apply(HttpResponse response, ExecutionResult result)
    {
        if (result.Errors is not { Count: > 0 } errors) return null;
        if (errors.Any(e => e.Code == RequiredRoles.Unauthenticated)) return StatusCodes.Status401Unauthorized;
        if (errors.Any(e => e.Code is RequiredRoles.Forbidden or Origins.NotAllowed)) return StatusCodes.Status403Forbidden;
        if (errors.FirstOrDefault(e => e.Code == CostBudgets.RateLimited) is not { } limited) return null;
        if (limited.Extensions?.GetValueOrDefault("retryAfter") is int wait) response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
        return StatusCodes.Status429TooManyRequests;
    }
}
