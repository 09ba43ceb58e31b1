using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Parties;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Storage;

/// <summary>The embedded store's queries: compiled once per template, yet every run sees its own values and types.</summary>
public sealed class InMemoryQueryTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private EmbeddedStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = EmbeddedStore.Open(_data.Path);
        await _store.ImportAsync(Seed.Documents.Documents);
    }

    [Theory]
    [InlineData("LAB")]
    [InlineData("LD")]
    [InlineData("NOPE")]
    public void Queries_of_one_template_run_with_their_own_values(string code)
    {
        Assert.Equal(
            Seed.Documents.Parties.Where(p => p.Id == code).Select(p => p.Name),
            _store.Collection<Party>().Query().Where(p => p.Id == code).Select(p => p.Name).ToList());
    }

    [Fact]
    public void Queries_alike_but_over_other_types_do_not_share_a_compiled_template()
    {
        Assert.Equal("Labour", _store.Collection<Party>().Query().Where(p => p.Id == "LAB").Select(p => p.ShortName).Single());
        Assert.Equal("Ashfield", _store.Collection<Council>().Query().Where(p => p.Id == "E07000170").Select(p => p.Name).Single());
    }

    [Fact]
    public void Queries_that_differ_in_a_member_method_operator_or_parameter_are_not_one_template()
    {
        var parties = _store.Collection<Party>().Query();
        var results = _store.Collection<CouncilResult>().Query();
        var seed = Seed.Documents;

        // Each pair is alike but for one part, with the same values: the second must not run the first's compiled query.
        Assert.Equal(seed.Parties.Count(p => p.Id == "LAB"), parties.Count(p => p.Id == "LAB"));
        Assert.Equal(seed.Parties.Count(p => p.ShortName == "LAB"), parties.Count(p => p.ShortName == "LAB"));
        Assert.Equal(seed.Parties.Count(p => p.Id != "LAB"), parties.Count(p => p.Id != "LAB"));
        Assert.Equal(seed.Parties.OrderBy(p => p.Id, StringComparer.Ordinal).First().Id, parties.OrderBy(p => p.Id).First().Id);
        Assert.Equal(seed.Parties.OrderByDescending(p => p.Id, StringComparer.Ordinal).First().Id, parties.OrderByDescending(p => p.Id).First().Id);
        Assert.Equal(
            seed.CouncilResults.SelectMany(r => r.Seats, (r, s) => r.Council.Code + s.PartyCode).Order(StringComparer.Ordinal).First(),
            results.SelectMany(r => r.Seats, (r, s) => r.Council.Code + s.PartyCode).OrderBy(x => x).First());
        Assert.Equal(
            seed.CouncilResults.SelectMany(r => r.Seats, (r, s) => s.PartyCode + r.Council.Code).Order(StringComparer.Ordinal).First(),
            results.SelectMany(r => r.Seats, (r, s) => s.PartyCode + r.Council.Code).OrderBy(x => x).First());
    }

    [Fact]
    public async Task A_projection_of_a_snapshot_is_made_once_per_election_and_again_after_a_write()
    {
        var results = _store.Collection<CouncilResult>();
        var election = Seed.Election;
        List<SeatChange> SeatRows() => results.Query().Where(r => r.ElectionId == election)
            .SelectMany(r => r.Seats, (r, s) => new SeatChange(r.Id + ":" + s.PartyCode, r.ElectionId, s.PartyCode, s.Won, s.Change, s.ChangeBasis, s.TotalAfter, r.Council, r.Control, r.UpdatedAt))
            .Where(c => c.PartyCode == "LD").OrderBy(c => c.Id).ToList();

        var first = SeatRows();
        var again = SeatRows();
        election = "an election with no results";
        var none = SeatRows();
        election = Seed.Election;
        var bolton = results.Query().Single(r => r.Council.Code == "E08000001");
        await results.UpsertAsync(bolton with { Notes = "corrected" }, bolton.Version);
        var after = SeatRows();

        Assert.Equal(Seed.Documents.CouncilResults.SelectMany(r => r.Seats).Count(s => s.PartyCode == "LD"), first.Count);
        Assert.Same(first[0], again[0]); // the rows were kept, not made again
        Assert.Empty(none); // kept per election: the other's are not served
        Assert.NotSame(first[0], after[0]); // a write makes a new snapshot, and its projection anew
        Assert.Equal(first.Select(c => c.Id), after.Select(c => c.Id));
        Assert.True(after.Single(c => c.Council.Code == "E08000001").UpdatedAt > bolton.UpdatedAt);
    }

    [Fact]
    public void Projections_kept_for_other_values_are_never_served_null_and_empty_text_included()
    {
        string? notes = null;
        int Rows() => _store.Collection<CouncilResult>().Query().Where(r => r.Notes == notes).SelectMany(r => r.Seats, (r, s) => s.PartyCode).Count();

        var withoutNotes = Rows();
        notes = "";
        var withEmptyNotes = Rows();

        Assert.True(withoutNotes > 0, "no results without notes: the test would prove nothing");
        Assert.Equal(Seed.Documents.CouncilResults.Where(r => r.Notes is null).Sum(r => r.Seats.Count), withoutNotes);
        Assert.Equal(Seed.Documents.CouncilResults.Where(r => r.Notes == "").Sum(r => r.Seats.Count), withEmptyNotes);
    }

    [Fact]
    public void Ordering_paging_counting_grouping_and_first_behave_as_linq_to_objects()
    {
        var results = _store.Collection<CouncilResult>().Query();
        var seed = Seed.Documents.CouncilResults;

        Assert.Equal(
            seed.OrderByDescending(r => r.SeatsUp).ThenBy(r => r.Id, StringComparer.Ordinal).Skip(3).Take(5).Select(r => r.Id),
            results.OrderByDescending(r => r.SeatsUp).ThenBy(r => r.Id).Skip(3).Take(5).Select(r => r.Id).ToList());
        Assert.Equal(seed.Count(r => r.Cycle == Cycle.Thirds), results.Count(r => r.Cycle == Cycle.Thirds));
        Assert.Equal(
            seed.GroupBy(r => r.Council.Region).Select(g => (g.Key, g.Sum(r => r.SeatsUp))).OrderBy(g => g.Key, StringComparer.Ordinal),
            results.GroupBy(r => r.Council.Region).Select(g => new { g.Key, Seats = g.Sum(r => r.SeatsUp) }).OrderBy(g => g.Key).AsEnumerable().Select(g => (g.Key, g.Seats)));
        Assert.Null(results.FirstOrDefault(r => r.SeatsUp > 1000));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _data.Dispose();
    }
}
