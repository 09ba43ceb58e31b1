using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Security;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// A bounded cache of parsed documents, and of which of them passed validation: a repeated document
/// skips parsing and the schema rules (variables are still coerced and checked on every request).
/// Bounded by the total length of the cached query texts. Every document is parsed here, within the
/// limits, once: the transports parse to route a request, and the executer finds the document cached.
/// </summary>
public sealed class DocumentCache(IOptions<LimitsOptions> limits) : IConfigureExecution, IDisposable
{
    private readonly MemoryCache _documents = new(new MemoryCacheOptions { SizeLimit = 2_000_000 });

    private sealed record Entry(GraphQLDocument Document, bool Validated);

    public float SortOrder => 200;

    /// <summary>The parsed document of a query text, or the coded error that refuses it (refusals are not remembered).</summary>
    public ParsedDocument Parse(string query)
    {
        if (_documents.TryGetValue(query, out Entry? entry)) return new ParsedDocument(entry!.Document, null);
        var parsed = DocumentParser.Parse(query, limits.Value);
        if (parsed.Document is { } document) Remember(query, new Entry(document, Validated: false));
        return parsed;
    }

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Query is not { } query || options.Document is not null) return next(options);
        if (!_documents.TryGetValue(query, out Entry? entry))
        {
            var parsed = Parse(query);
            if (parsed.Error is { } refused) return Task.FromResult(new ExecutionResult { Errors = [refused] });
            entry = new Entry(parsed.Document!, Validated: false);
        }

        options.Document = entry!.Document;
        if (!entry.Validated) return ValidatingAsync(query, entry, options, next);
        var rules = options.CachedDocumentValidationRules ?? [];
        // The roles rule walks the whole document; for an operation known to select no restricted field it finds nothing.
        if (ParsedDocument.Select(entry.Document, options.OperationName) is { } operation && RequiredRoles.NoneIn(operation))
            rules = rules.Where(static rule => rule is not RequiredRoles);
        options.ValidationRules = rules;
        return next(options);
    }

    /// <summary>Runs a document not yet validated, and remembers that it passed.</summary>
    private async Task<ExecutionResult> ValidatingAsync(string query, Entry entry, ExecutionOptions options, ExecutionDelegate next)
    {
        var result = await next(options);
        if (result.Executed) Remember(query, entry with { Validated = true });
        return result;
    }

    private void Remember(string query, Entry entry) =>
        _documents.Set(query, entry, new MemoryCacheEntryOptions { Size = query.Length });

    public void Dispose() => _documents.Dispose();
}
