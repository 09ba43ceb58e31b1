using System.Collections.Concurrent;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Security;
using ElectionGraph.Api.Telemetry;
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
/// cost, as if it ran — the cost model describes the query, not the server's cache. After a declaration every
/// partner asks again at once: identical queries that arrive while the first runs wait for its answer rather than
/// run too.
/// </summary>
public sealed class ResponseCache(
    DataVersion dataVersion, IGraphQLTextSerializer serializer, BoundedSerializer answers, IOptions<ResponseCacheOptions> options, Instruments instruments)
    : IConfigureExecution, IDisposable
{
    private readonly ResponseCacheOptions _options = options.Value;
    private readonly VersionedCache _kept = new(dataVersion, options.Value.MaxBytes);
    private readonly ConcurrentDictionary<(long Version, Key Key), Task<SerializedData?>> _running = new();

    private sealed record Key(string Roles, string? OperationName, string Variables, string Query);

    public float SortOrder => 350;

    /// <summary>Answers served from the cache and executed (misses), and the bytes kept.</summary>
    public MemoryCacheStatistics Statistics => _kept.Statistics;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (!_options.Enabled || options.Query is not { } query || _kept.Version is not { } version
            || ParsedDocument.Select(options.Document, options.OperationName)?.Operation != OperationType.Query)
            return await next(options);

        var key = new Key(Roles(options), options.OperationName, options.Variables is { Count: > 0 } variables ? serializer.Serialize(variables) : "", query);
        if (_kept.TryGet(version, key, out SerializedData? kept))
        {
            instruments.CachedAnswer(hit: true);
            return Kept(kept!);
        }

        var mine = new TaskCompletionSource<SerializedData?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _running.GetOrAdd((version, key), mine.Task);
        if (running != mine.Task)
        {
            // The same query is running: its answer is this one's too, unless it could not be kept (then run it).
            var shared = await running.WaitAsync(options.CancellationToken);
            instruments.CachedAnswer(hit: shared is not null);
            return shared is not null ? Kept(shared) : await next(options);
        }

        instruments.CachedAnswer(hit: false);
        try
        {
            var result = await next(options);
            if (Keepable(result, options) is { } data)
            {
                _kept.Keep(version, key, data, data.Size + query.Length);
                result.Data = data;
                mine.SetResult(data);
            }

            return result;
        }
        finally
        {
            mine.TrySetResult(null);
            _running.TryRemove(KeyValuePair.Create((version, key), mine.Task));
        }
    }

    /// <summary>The answer's data as written JSON; null for an answer that must not be kept.</summary>
    private SerializedData? Keepable(ExecutionResult result, ExecutionOptions options)
    {
        if (!result.Executed || result.Errors is { Count: > 0 } || RequiredRoles.Restricted(options.UserContext)) return null;
        using var written = answers.Serialize(new ExecutionResult { Executed = true, Data = result.Data });
        // {"data":…}: the data is all but the opening and the last byte.
        return written.TooLarge ? null : new SerializedData(written.Json[SerializedData.Opening.Length..^1].ToArray(), ActualCost.Of(result, options.Variables ?? Inputs.Empty));
    }

    private static ExecutionResult Kept(SerializedData data) => new() { Executed = true, Data = data };

    private static string Roles(ExecutionOptions options) =>
        options.User is { } user && Caller.Of(user).Roles is { Count: > 0 } roles ? string.Join(',', roles.Order(StringComparer.Ordinal)) : "";

    public void Dispose() => _kept.Dispose();
}
