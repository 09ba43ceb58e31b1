using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Security;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// Answers to queries kept as written JSON between requests, on every transport and store: most partners ask
/// the same thing until the next council declares. An answer is a pure function of the document, the operation,
/// the variables, the caller's roles and the data, so those are its key, the data by its version: any accepted
/// write moves the version (<see cref="DataVersion"/>), and answers to the old one are dropped. Only whole answers
/// are kept: none with errors, none with a field some roles may not see, none while the version is unknown.
/// Inside <see cref="OperationLimits"/> (300): a kept answer is still measured and charged, and reports its
/// cost, as if it ran — the cost model describes the query, not the server's cache.
/// </summary>
public sealed class ResponseCache : IConfigureExecution, IDisposable
{
    private readonly DataVersion _version;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly BoundedSerializer _answers;
    private readonly ResponseCacheOptions _options;
    private readonly MemoryCache _kept;
    private long _keptVersion = -1;

    public ResponseCache(DataVersion version, IGraphQLTextSerializer serializer, BoundedSerializer answers, IOptions<ResponseCacheOptions> options)
    {
        _version = version;
        _serializer = serializer;
        _answers = answers;
        _options = options.Value;
        _kept = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.MaxBytes, TrackStatistics = true });
    }

    private sealed record Key(long Version, string Roles, string? OperationName, string Variables, string Query);

    public float SortOrder => 350;

    /// <summary>Answers served from the cache and executed (misses), and the bytes kept.</summary>
    public MemoryCacheStatistics Statistics => _kept.GetCurrentStatistics()!;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (!_options.Enabled || options.Query is not { } query || _version.Current is not { } version
            || ParsedDocument.Select(options.Document, options.OperationName)?.Operation != OperationType.Query)
            return await next(options);

        Forget(version);
        var key = new Key(version, Roles(options), options.OperationName, options.Variables is { Count: > 0 } variables ? _serializer.Serialize(variables) : "", query);
        if (_kept.TryGetValue(key, out SerializedData? kept)) return new ExecutionResult { Executed = true, Data = kept };

        var result = await next(options);
        if (!result.Executed || result.Errors is { Count: > 0 } || RequiredRoles.Restricted(options.UserContext)) return result;
        var written = _answers.Serialize(new ExecutionResult { Executed = true, Data = result.Data });
        if (written.TooLarge) return result;

        // {"data":…}: the data is all but the first 8 bytes and the last.
        var data = new SerializedData(written.Json[8..^1], ActualCost.Of(result, options.Variables ?? Inputs.Empty));
        // Kept only if no write landed while it ran (it might hold data older than that write); if one lands just
        // after this check, the answer is kept under the old version, which no request asks for any more.
        if (_version.Current == version) _kept.Set(key, data, new MemoryCacheEntryOptions { Size = data.Json.Length + query.Length });
        result.Data = data;
        return result;
    }

    /// <summary>Frees the answers to older versions (which no request can match) the first time a newer one is seen.</summary>
    private void Forget(long version)
    {
        var kept = Interlocked.Read(ref _keptVersion);
        if (kept != version && Interlocked.CompareExchange(ref _keptVersion, version, kept) == kept) _kept.Clear();
    }

    private static string Roles(ExecutionOptions options) =>
        options.User is { } user ? string.Join(',', Caller.Of(user).Roles.Order(StringComparer.Ordinal)) : "";

    public void Dispose() => _kept.Dispose();
}
