using System.Collections.Concurrent;
using System.Linq.Expressions;
using ElectionGraph.Api.Ballots;
using ElectionGraph.Api.Parties;
using ElectionGraph.Domain;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Parties;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage;
using GraphQL;
using GraphQL.DI;

namespace ElectionGraph.Api.Conventions.Loading;

/// <summary>The batch loaders of one request: one store query per kind of related document, however many rows ask.</summary>
public sealed class Loaders(IDocumentStore store, PartyDirectory? partyDirectory)
{
    private readonly ConcurrentDictionary<Type, object> _byId = new();
    private BatchLoader<string, IReadOnlyList<CouncilResult>>? _resultsByCouncil;
    private BatchLoader<string, Party>? _parties;
    private BatchLoader<string, IReadOnlyList<Ballot>>? _ballotsByResult;

    /// <summary>
    /// A party by code: at once from the parties loaded at this data version (<see cref="PartyDirectory"/>), else
    /// pending, every party loaded once for this request and kept in the directory for the requests after it.
    /// </summary>
    public object? Party(string code) =>
        partyDirectory?.Current is { } parties ? parties.GetValueOrDefault(code) : (_parties ??= PartyLoader()).Load(code);

    private BatchLoader<string, Party> PartyLoader() => partyDirectory is null
        ? ById<Party>()
        : new BatchLoader<string, Party>(async (_, cancellationToken) => await partyDirectory.LoadAsync(store, cancellationToken));

    /// <summary>Documents by id (parties, elections, councils).</summary>
    public BatchLoader<string, T> ById<T>() where T : class, IDocument =>
        (BatchLoader<string, T>)_byId.GetOrAdd(typeof(T), _ => new BatchLoader<string, T>(async (ids, cancellationToken) =>
            (await ByIds(store.Collection<T>().Query(), ids).ToListAsync(cancellationToken)).ToDictionary(d => d.Id)));

    /// <summary>Each council's results, latest election first.</summary>
    public BatchLoader<string, IReadOnlyList<CouncilResult>> ResultsByCouncil =>
        _resultsByCouncil ??= new BatchLoader<string, IReadOnlyList<CouncilResult>>(async (codes, cancellationToken) =>
        {
            var results = await ForCouncils(store.Collection<CouncilResult>().Query(), codes).ToListAsync(cancellationToken);
            return codes.ToDictionary(code => code, IReadOnlyList<CouncilResult> (code) => results.Where(r => r.Council.Code == code).ToList());
        });

    /// <summary>Each council result's ballots (by the result's id), in ward order.</summary>
    public BatchLoader<string, IReadOnlyList<Ballot>> BallotsByResult =>
        _ballotsByResult ??= new BatchLoader<string, IReadOnlyList<Ballot>>(async (resultIds, cancellationToken) =>
        {
            var codes = resultIds.Select(id => id[(id.LastIndexOf(':') + 1)..]).Distinct().ToList();
            var ballots = await BallotQueries.ForCouncils(store.Collection<Ballot>().Query(), codes).ToListAsync(cancellationToken);
            var byResult = ballots.ToLookup(b => CouncilResult.IdFor(b.ElectionId, b.Council.Code));
            return resultIds.ToDictionary(id => id, IReadOnlyList<Ballot> (id) => byResult[id].ToList());
        });

    public static IQueryable<T> ByIds<T>(IQueryable<T> documents, IReadOnlyCollection<string> ids) where T : IDocument =>
        documents.Where(DocumentFields.Of<T, string>(nameof(IDocument.Id)).IsIn(ids));

    // Lambdas made once: a C# lambda here would look its members up again on every page.
    public static IQueryable<CouncilResult> ForCouncils(IQueryable<CouncilResult> results, IReadOnlyCollection<string> codes) =>
        results.Where(CouncilCode.IsIn(codes)).OrderByDescending(ElectionIdOf);

    private static readonly Expression<Func<CouncilResult, string>> CouncilCode = r => r.Council.Code;
    private static readonly Expression<Func<CouncilResult, string>> ElectionIdOf = r => r.ElectionId;
}

/// <summary>
/// Gives each execution its own loaders, in its user context. A page's every row asks for them, and a scoped
/// service is resolved under its scope's lock: with the rows resolved in parallel, that lock was a fifth of a
/// council page's time.
/// </summary>
public sealed class LoaderContext(IDocumentStore store, PartyDirectory? partyDirectory = null) : IConfigureExecution
{
    internal const string Key = "electiongraph:loaders";

    /// <summary>Innermost: only executions that get as far as running need loaders.</summary>
    public float SortOrder => 1_000;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        options.UserContext[Key] = new Loaders(store, partyDirectory);
        return next(options);
    }
}

public static class LoaderContextExtensions
{
    public static Loaders Loaders(this IResolveFieldContext context) => (Loaders)context.UserContext[LoaderContext.Key]!;
}
