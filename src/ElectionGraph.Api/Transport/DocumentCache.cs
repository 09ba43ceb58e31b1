using GraphQL;
using GraphQL.DI;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Caching.Memory;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// A bounded cache of parsed documents, and of which of them passed validation: a repeated document
/// skips parsing and the schema rules (variables are still coerced and checked on every request).
/// Bounded by the total length of the cached query texts.
/// </summary>
public sealed class DocumentCache : IConfigureExecution, IDisposable
{
    private readonly MemoryCache _documents = new(new MemoryCacheOptions { SizeLimit = 2_000_000 });

    private sealed record Entry(GraphQLDocument Document, bool Validated);

    public float SortOrder => 200;

    /// <summary>The parsed document of a query text; null when it does not parse (execution will report why).</summary>
    public GraphQLDocument? Parse(string query)
    {
        if (_documents.TryGetValue(query, out Entry? entry)) return entry!.Document;
        try
        {
            var document = Parser.Parse(query);
            Remember(query, new Entry(document, Validated: false));
            return document;
        }
        catch (GraphQLSyntaxErrorException)
        {
            return null;
        }
    }

    /// <summary>The operation a request selects (by name, or the only one); null when the text does not parse or has no such operation.</summary>
    public GraphQLOperationDefinition? Operation(string query, string? operationName) =>
        Parse(query)?.Definitions.OfType<GraphQLOperationDefinition>().FirstOrDefault(o => operationName is null || o.Name?.StringValue == operationName);

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Query is not { } query || options.Document is not null) return await next(options);
        if (_documents.TryGetValue(query, out Entry? entry))
        {
            options.Document = entry!.Document;
            if (entry.Validated) options.ValidationRules = options.CachedDocumentValidationRules ?? [];
        }

        var result = await next(options);
        if (result.Executed && entry?.Validated != true && result.Document is { } document) Remember(query, new Entry(document, Validated: true));
        return result;
    }

    private void Remember(string query, Entry entry) =>
        _documents.Set(query, entry, new MemoryCacheEntryOptions { Size = query.Length });

    public void Dispose() => _documents.Dispose();
}
