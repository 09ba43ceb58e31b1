using ElectionGraph.Domain.Ballots;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Domain;

public class BallotNominationTests
{
    [Fact]
    public void A_contested_ballot_on_polling_day_has_its_candidates_in_name_order_and_nothing_counted()
    {
        var seeded = Seed.Documents.Ballots.Single(b => b.Id == "local.allerdale.all-saints.2019-05-02");

        var nominated = seeded.AsNominated();

        Assert.Equal((BallotStatus.Awaiting, false, null), (nominated.Status, nominated.IsDeclared, nominated.DeclaredAt));
        Assert.Equal(
            ["Alan Smith", "Alan Tyson", "Antony Todd", "Christine Smith", "Eric Atkinson", "Jane Roy", "Keith Skelton", "Peter Deeks", "Ron Munby"],
            nominated.Candidates.Select(c => c.Name));
        Assert.Equal(seeded.Candidates.Select(c => (c.Name, c.PartyCode)).Order(), nominated.Candidates.Select(c => (c.Name, c.PartyCode)).Order());
        Assert.All(nominated.Candidates, c => Assert.Equal((null, null, false), (c.Votes, c.Share, c.Elected)));
        Assert.Equal((null, null, null), (nominated.TotalVotes, nominated.Majority, nominated.MajorityShare));
        Assert.Equal((seeded.Id, seeded.Ward, seeded.SeatsContested, false), (nominated.Id, nominated.Ward, nominated.SeatsContested, nominated.Uncontested));
    }

    [Fact]
    public void An_uncontested_ballot_is_declared_from_the_close_of_nominations()
    {
        var allhallows = Seed.Documents.Ballots.Single(b => b.Id == "local.allerdale.allhallows-and-waverton.2019-05-02");

        Assert.Same(allhallows, allhallows.AsNominated());
        Assert.True(allhallows.IsDeclared);
        Assert.True(Assert.Single(allhallows.Candidates).Elected);
    }

    [Fact]
    public void A_declared_ballot_goes_back_to_polling_day_without_its_declarations()
    {
        var seeded = Seed.Documents.Ballots.First(b => !b.Uncontested);
        var declared = seeded with { DeclaredAt = DateTime.UtcNow, DeclarationIds = ["desk-1"] };

        Assert.Empty(declared.AsNominated().DeclarationIds);
    }

    [Fact]
    public void Polling_day_holds_every_ballot_as_nominated()
    {
        var pollingDay = Seed.Documents.PollingDay.OfType<Ballot>().ToList();

        Assert.Equal(Seed.Documents.Ballots.Select(b => b.Id), pollingDay.Select(b => b.Id));
        Assert.Equal(Seed.Documents.Ballots.Count(b => b.Uncontested), pollingDay.Count(b => b.IsDeclared));
        Assert.All(pollingDay, b => Assert.Equal(b.Uncontested, b.Candidates.All(c => c.Elected)));
        Assert.All(pollingDay, b => Assert.Null(b.TotalVotes));
    }
}
