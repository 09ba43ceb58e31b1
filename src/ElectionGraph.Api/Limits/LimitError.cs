using GraphQL;

namespace ElectionGraph.Api.Limits;

/// <summary>
/// A request past one of the server's limits: its code, a message saying what to change, and in
/// <c>extensions</c> the limit (<c>maximum</c>) and, where it was measured, what the request came to.
/// </summary>
public sealed class LimitError : ExecutionError
{
    public LimitError(string code, string message, long maximum, string? measure = null, long value = 0) : base(message)
    {
        Code = code;
        Extensions = new Dictionary<string, object?> { ["maximum"] = maximum };
        if (measure is not null) Extensions[measure] = value;
    }
}
