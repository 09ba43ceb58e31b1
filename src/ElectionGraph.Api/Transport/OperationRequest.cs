using GraphQL;

namespace ElectionGraph.Api.Transport;

/// <summary>One GraphQL operation as a client sent it (in a POST body, a batch, or a GET's query string).</summary>
/// <param name="DocumentId">A persisted operation's id (<c>documentId</c>, or Apollo/Relay's <c>id</c> or <c>doc_id</c>).</param>
public sealed record OperationRequest(string? Query, string? OperationName, Inputs? Variables, Inputs? Extensions, string? DocumentId);

/// <summary>A request the transport refuses before any GraphQL work: an HTTP status, and a coded error to explain it.</summary>
public sealed class TransportException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
}
