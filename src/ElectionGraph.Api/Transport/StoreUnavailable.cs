using GraphQL;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// What a partner is told when the store cannot be reached or written: one code, whatever the store, the
/// transport or the operation. Nothing was stored; the request can be sent again.
/// </summary>
public static class StoreUnavailable
{
    public const string Code = "STORE_UNAVAILABLE";

    public static ExecutionError Error(string message, Exception? cause = null) => new(message, cause) { Code = Code };
}
