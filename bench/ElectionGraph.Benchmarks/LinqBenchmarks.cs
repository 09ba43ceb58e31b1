using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using ElectionGraph.Api.Conventions.Filtering;
using ElectionGraph.Api.Conventions.Paging;
using ElectionGraph.Api.Conventions.Sorting;
using ElectionGraph.Api.Results;
using ElectionGraph.Domain.Results;

namespace ElectionGraph.Benchmarks;

/// <summary>
/// The councilResults query of <see cref="GraphQLBenchmarks"/> without GraphQL: the <c>where</c>/<c>order</c>
/// inputs as GraphQL.NET hands them over, turned into one LINQ expression the way ListQuery does
/// (FilterBuilder, SortParser, Keyset, SortKey.Apply), and run over the embedded store's queryable.
/// Building and running are timed apart.
/// </summary>
[MemoryDiagnoser]
public class LinqBenchmarks
{
    private const int PageSize = 20;

    /// <summary><c>{ council: { region: { eq: "South West" } }, seats: { some: { partyCode: { eq: "LD" }, change: { gte: 5 } } } }</c></summary>
    private static readonly Dictionary<string, object?> Where = new()
    {
        ["council"] = new Dictionary<string, object?> { ["region"] = new Dictionary<string, object?> { ["eq"] = "South West" } },
        ["seats"] = new Dictionary<string, object?>
        {
            ["some"] = new Dictionary<string, object?>
            {
                ["partyCode"] = new Dictionary<string, object?> { ["eq"] = "LD" },
                ["change"] = new Dictionary<string, object?> { ["gte"] = 5 },
            },
        },
    };

    /// <summary><c>[{ council: { name: ASC } }]</c></summary>
    private static readonly List<object?> Order =
        [new Dictionary<string, object?> { ["council"] = new Dictionary<string, object?> { ["name"] = SortDirection.Asc } }];

    private static readonly SortKey[] DefaultOrder = [SortKey.Asc<CouncilResult, string>(r => r.Council.Name)];

    private IQueryable<CouncilResult> _source = null!;
    private object?[] _after = null!;
    private IQueryable<CouncilResult> _firstPage = null!;
    private IQueryable<CouncilResult> _afterPage = null!;
    private IQueryable<CouncilResult> _matching = null!;
    private ElectionData _data = null!;

    // The reference pipeline: the same predicate and keys compiled once, run with LINQ to Objects.
    private IEnumerable<CouncilResult> _snapshot = null!;
    private Func<CouncilResult, bool> _compiledFilter = null!;
    private Func<CouncilResult, string> _compiledName = null!;
    private Func<CouncilResult, string> _compiledId = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _data = await ElectionData.LoadAsync();
        _source = _data.Store.Collection<CouncilResult>().Query();

        (_firstPage, _matching) = Build(after: null);
        var first = _firstPage.ToList();
        var keys = SortParser.Parse<CouncilResult>(Order, DefaultOrder);
        _after = keys.Select(k => k.ValueOf(first[GraphQLBenchmarks.SecondPageAfter - 1])).ToArray();
        (_afterPage, _) = Build(_after);

        _snapshot = _source; // the root EnumerableQuery enumerates its snapshot directly, compiling nothing
        _compiledFilter = FilterBuilder.Build<CouncilResult>(Where)!.Compile();
        if (keys.Count != 2 || keys[0].Nullable || keys[1].Nullable)
            throw new InvalidOperationException($"Expected the keys council.name, id; got {string.Join(", ", keys.Select(k => k.Path))}.");
        _compiledName = (Func<CouncilResult, string>)keys[0].Key.Compile();
        _compiledId = (Func<CouncilResult, string>)keys[1].Key.Compile();

        // What every benchmark returns is checked once, so a broken query cannot be timed as fast.
        Expect(first.Count == 10, $"first page: {first.Count} results, expected 10");
        Expect(_matching.Count() == 10, "count: expected 10");
        Expect(first.All(r => r.Council.Region == "South West" && r.Seats.Any(s => s.PartyCode == "LD" && s.Change >= 5)), "first page: a result outside the filter");
        Expect(first.Select(r => r.Council.Name).SequenceEqual(first.Select(r => r.Council.Name).Order(StringComparer.Ordinal)), "first page: not in name order");
        Expect(Run_FirstPage().Select(r => r.Id).SequenceEqual(first.Select(r => r.Id)), "run: not the same page");
        Expect(Run_AfterCursor().Select(r => r.Id).SequenceEqual(first.Skip(GraphQLBenchmarks.SecondPageAfter).Select(r => r.Id)), "run after: not the rest of the first page");
        Expect(_afterPage.ToList().Select(r => r.Id).SequenceEqual(first.Skip(GraphQLBenchmarks.SecondPageAfter).Select(r => r.Id)), "after page: not the rest of the first");
        Expect(Reference_FirstPage().Select(r => r.Id).SequenceEqual(first.Select(r => r.Id)), "reference: not the same page");
        Expect(BuildAndRun_FirstPage() == 20, "build and run: expected 10 results and a count of 10");
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _data.DisposeAsync();

    // The built query's expression tree is returned, not the IQueryable, which BenchmarkDotNet would refuse as unrun.
    [Benchmark(Description = "build: filter + order, first page")]
    public Expression Build_FirstPage() => Build(after: null).Page.Expression;

    [Benchmark(Description = "build: filter + order + keyset, after a cursor")]
    public Expression Build_AfterCursor() => Build(_after).Page.Expression;

    // A new IQueryable over an expression built in setup: what a request pays to run its query. The embedded
    // store's queryable is an EnumerableQuery, which rewrites the tree to LINQ to Objects and compiles it
    // on its first enumeration (and on every Execute, e.g. Count).
    [Benchmark(Description = "run: first page (expression built in setup)")]
    public List<CouncilResult> Run_FirstPage() => _source.Provider.CreateQuery<CouncilResult>(_firstPage.Expression).ToList();

    [Benchmark(Description = "run: page after a cursor (expression built in setup)")]
    public List<CouncilResult> Run_AfterCursor() => _source.Provider.CreateQuery<CouncilResult>(_afterPage.Expression).ToList();

    [Benchmark(Description = "run: count (expression built in setup)")]
    public int Run_Count() => _matching.Count();

    // The same IQueryable enumerated again: EnumerableQuery keeps the pipeline it compiled the first time,
    // so this is the LINQ to Objects work alone, which no request gets (each builds a new query).
    [Benchmark(Description = "iterate: first page, compiled pipeline reused")]
    public List<CouncilResult> Iterate_FirstPage() => _firstPage.ToList();

    /// <summary>The page and its count: 10 + 10.</summary>
    [Benchmark(Description = "build + run: first page and count")]
    public int BuildAndRun_FirstPage()
    {
        var (page, matching) = Build(after: null);
        return page.ToList().Count + matching.Count();
    }

    /// <summary>Not the API's path: the filter and keys compiled once, to show what running costs without compiling.</summary>
    [Benchmark(Description = "reference: same page, delegates compiled once")]
    public List<CouncilResult> Reference_FirstPage() =>
        _snapshot.Where(r => r.ElectionId == ElectionData.ElectionId).Where(_compiledFilter)
            .OrderBy(_compiledName).ThenBy(_compiledId).Take(PageSize + 1).ToList();

    /// <summary>As ListQuery.RunAsync composes it: election, where, keyset bound, order, one more than the page.</summary>
    private (IQueryable<CouncilResult> Page, IQueryable<CouncilResult> Matching) Build(object?[]? after)
    {
        var keys = SortParser.Parse<CouncilResult>(Order, DefaultOrder);
        var matching = ResultQueries.ForElection(_source, ElectionData.ElectionId);
        if (FilterBuilder.Build<CouncilResult>(Where) is { } filter) matching = matching.Where(filter);
        var bounded = after is null ? matching : matching.Where(Keyset.Beyond<CouncilResult>(keys, after, forward: true));
        return (SortKey.Apply(bounded, keys, reverse: false).Take(PageSize + 1), matching);
    }

    private static void Expect(bool condition, string problem)
    {
        if (!condition) throw new InvalidOperationException("LINQ benchmark setup: " + problem);
    }
}
