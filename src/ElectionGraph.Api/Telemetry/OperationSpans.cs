using System.Diagnostics;
using System.Runtime.CompilerServices;
using ElectionGraph.Api.Transport;
using GraphQL;
using GraphQLParser.AST;

namespace ElectionGraph.Api.Telemetry;

/// <summary>
/// One span per GraphQL operation, on every transport, named and described as OpenTelemetry's GraphQL conventions say
/// (<c>graphql.operation.type</c>, <c>graphql.operation.name</c>), with the document as its SHA-256
/// (<c>graphql.document.hash</c>, the id persisted queries use) and, unless the operation succeeded, its error code
/// (<c>error.type</c>). The document's text only where <c>ElectionGraph:Tracing:RecordDocument</c> is set: a document's
/// literals may be more than a partner wants kept in someone else's trace store.
/// </summary>
/// <remarks>
/// Made here rather than by GraphQL.NET's telemetry step, which learns the operation when the executer validates the
/// document: an answer from the response cache is not validated again, and its span had no type. The hash is worked
/// out once per parsed document (the document cache hands out the same one for the same text), not on every request.
/// </remarks>
public sealed class OperationSpans(IConfiguration configuration)
{
    private readonly bool _recordDocument = configuration.GetValue<bool>("ElectionGraph:Tracing:RecordDocument");
    private readonly ConditionalWeakTable<GraphQLDocument, string> _hashes = [];

    /// <summary>The operation's span, the parent of the store's; null when no one traces.</summary>
    public static Activity? Start() => Spans.Source.StartActivity("graphql");

    public void Describe(Activity span, ExecutionOptions options, GraphQLOperationDefinition? operation, string type, string outcome, bool serverFailure)
    {
        if (!span.IsAllDataRequested) return;
        var name = operation?.Name?.StringValue ?? options.OperationName;
        span.DisplayName = name is null ? type : $"{type} {name}";
        if (operation is not null) span.SetTag("graphql.operation.type", type);
        if (name is not null) span.SetTag("graphql.operation.name", name);
        if (options.Query is { } query)
        {
            span.SetTag("graphql.document.hash", Hash(query, options.Document));
            if (_recordDocument) span.SetTag("graphql.document", query);
        }

        if (outcome != Instruments.Ok) span.SetTag("error.type", outcome);
        if (serverFailure) span.SetStatus(ActivityStatusCode.Error);
    }

    private string Hash(string query, GraphQLDocument? document)
    {
        if (document is null) return PersistedQueries.Hash(query);
        if (_hashes.TryGetValue(document, out var hash)) return hash;
        hash = PersistedQueries.Hash(query);
        _hashes.AddOrUpdate(document, hash);
        return hash;
    }
}
