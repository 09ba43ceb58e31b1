using System.Text.Json;
using System.Text.RegularExpressions;
using ElectionGraph.Domain;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Storage.Seeding;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Seeding;

public class SeedReaderTests
{
    [Fact]
    public void The_shipped_seed_holds_the_2019_elections()
    {
        var seed = SeedReader.Read(Repo.Seed);

        Assert.Equal("local.2019-05-02", Assert.Single(seed.Elections).Id);
        Assert.Equal(248, seed.CouncilResults.Count(r => r.Council.Nation == Nation.England));
        Assert.Equal(11, seed.CouncilResults.Count(r => r.Council.Nation == Nation.NorthernIreland));
        Assert.Equal(6, seed.Mayoralties.Count);
        Assert.Equal(1344, seed.CouncilResults.Sum(r => r.Seats.Count));
        Assert.Contains(seed.Parties, p => p.Id == "CON" && p.Colour == "#0087DC");
        Assert.Equal(5270, seed.Ballots.Count);
        Assert.Equal((25795, 8424), (seed.Ballots.Sum(b => b.Candidates.Count), seed.Ballots.Sum(b => b.Candidates.Count(c => c.Elected))));
    }

    /// <summary>LEAP's ward file as seed/tools/from-leap-2019.py wrote it: candidates ranked, uncontested returns without votes.</summary>
    [Fact]
    public void Ballots_hold_their_candidates_in_order_with_votes_only_where_contested()
    {
        var seed = SeedReader.Read(Repo.Seed);

        var kenilworth = seed.Ballots.Single(b => b.Id == "local.hertsmere.borehamwood-kenilworth.2019-05-02");
        Assert.Equal(("Borehamwood Kenilworth", "E05012183", "Hertsmere", 3), (kenilworth.Ward.Name, kenilworth.Ward.Code, kenilworth.Council.Name, kenilworth.SeatsContested));
        // 819 each for the last seat, decided by lot: LEAP's "(ELECTED)" and "(NOT ELECTED)" are left off the names.
        Assert.Equal(
            [("Rebecca Butler", 987, true), ("Cynthia Barker", 822, true), ("Kumail Jaffer", 819, true), ("Dan Ozarow", 819, false), ("Samantha Evans", 738, false), ("Przemek de Skuba", 724, false)],
            kenilworth.Candidates.Select(c => (c.Name, c.Votes!.Value, c.Elected)));
        Assert.Equal((4909, 0), (kenilworth.TotalVotes, kenilworth.Majority));

        var allhallows = seed.Ballots.Single(b => b.Id == "local.allerdale.allhallows-and-waverton.2019-05-02");
        Assert.True(allhallows.Uncontested);
        Assert.Equal(new BallotCandidate("Mike Johnson", "CON", null, null, true), Assert.Single(allhallows.Candidates));
        Assert.All(seed.Ballots, b => Assert.Equal(b.Uncontested, b.TotalVotes is null));
        Assert.All(seed.Ballots, b => Assert.Null(b.Turnout));
        // Final results, by no desk declaration: polling day is derived from them (SeedData.PollingDay).
        Assert.All(seed.Ballots, b => Assert.Equal((BallotStatus.Declared, null, 0), (b.Status, b.DeclaredAt, b.DeclarationIds.Count)));
    }

    /// <summary>Each council's hexagon is its district's on the hex map copied beside the seed (Open Innovations, seed/geo).</summary>
    [Fact]
    public void Every_council_has_its_hexagon_of_the_layout()
    {
        var seed = SeedReader.Read(Repo.Seed);
        using var file = File.OpenRead(Path.Combine(Repo.Seed, "geo", "uk-local-authority-districts-2019.hexjson"));
        var layout = JsonDocument.Parse(file).RootElement;
        var hexes = layout.GetProperty("hexes");

        Assert.Equal(259, seed.Councils.Count);
        Assert.All(seed.Councils, council =>
        {
            var hex = hexes.GetProperty(council.Id);
            Assert.Equal(new HexPosition(layout.GetProperty("layout").GetString()!, hex.GetProperty("q").GetInt32(), hex.GetProperty("r").GetInt32()), council.Hex);
        });
    }

    [Fact]
    public void Missing_figures_stay_missing()
    {
        var seed = SeedReader.Read(Repo.Seed);

        var dorset = seed.CouncilResults.Single(r => r.Council.Code == "E06000059");
        Assert.Null(dorset.Control.Before); // a new council in 2019
        Assert.Null(dorset.Control.Changed);
        Assert.Null(seed.Mayoralties.Single(m => m.AreaName == "Bedford").Turnout);
        Assert.Null(seed.Mayoralties.Single(m => m.AreaName == "North of Tyne").AreaCode);
        Assert.All(seed.CouncilResults, r => Assert.Null(r.DeclaredAt));
    }

    public static TheoryData<string, Action<SeedCopy>, string, string> BadInputs => new()
    {
        {
            "unknown party",
            seed => seed.ReplaceLine("council-seats.csv", 2, l => Regex.Replace(l, "^([^,]*,[^,]*),[^,]*", "$1,NOPE")),
            "council-seats.csv line 2, field 'party'", "unknown party 'NOPE'"
        },
        {
            "unknown council",
            seed => seed.AppendLine("council-results.csv", Regex.Replace(seed.Lines("council-results.csv")[1], "^([^,]*),[^,]*", "$1,E99999999")),
            "council-results.csv line 261, field 'council'", "unknown council 'E99999999'"
        },
        {
            "a council twice",
            seed => seed.AppendLine("council-results.csv", seed.Lines("council-results.csv")[1]),
            "council-results.csv line 261, field 'council'", "appears twice (first on line 2)"
        },
        {
            "seats won above seats up",
            seed => seed.ReplaceLine("council-seats.csv", 2, l => Regex.Replace(l, "^([^,]*,[^,]*,[^,]*),[^,]*", "$1,999")),
            "council-seats.csv line 2, field 'won'", "above the 49 seats up"
        },
        {
            "a malformed number",
            seed => seed.ReplaceLine("council-seats.csv", 3, l => Regex.Replace(l, "^([^,]*,[^,]*,[^,]*),[^,]*", "$1,1O")),
            "council-seats.csv line 3, field 'won'", "'1O' is not a whole number"
        },
        {
            "a malformed date",
            seed => seed.ReplaceLine("elections.csv", 2, l => l.Replace("2019-05-02,england", "2019-02-30,england")),
            "elections.csv line 2, field 'date'", "'2019-02-30' is not a date"
        },
        {
            "a malformed declaration time",
            seed => seed.ReplaceLine("mayoralties.csv", 2, l => l.Replace("false,declared,,", "false,declared,3 May 2019,")),
            "mayoralties.csv line 2, field 'declared_at'", "'3 May 2019' is not a date and time"
        },
        {
            "a quoted field never closed",
            seed => seed.AppendLine("mayoral-candidates.csv", "mayor.bedford.2019-05-02,\"Unclosed,LD,1,,,false"),
            "mayoral-candidates.csv line 31", "never closed"
        },
        {
            "half a hexagon",
            seed => seed.ReplaceLine("councils.csv", 2, l => Regex.Replace(l, ",[^,]*$", ",")),
            "councils.csv line 2, field 'hex_r'", "a hexagon needs hex_layout, hex_q and hex_r, or none of them"
        },
        {
            "a layout HexJSON does not have",
            seed => seed.ReplaceLine("councils.csv", 4, l => l.Replace(",odd-r,", ",hexagonal,")),
            "councils.csv line 4, field 'hex_layout'", "'hexagonal' is not a HexJSON layout"
        },
        {
            "a hexagon twice",
            seed => seed.ReplaceLine("councils.csv", 6, l => Regex.Replace(l, ",[^,]*,[^,]*$", Regex.Match(seed.Lines("councils.csv")[4], ",[^,]*,[^,]*$").Value)),
            "councils.csv line 6, field 'hex_q'", "is also line 5's"
        },
        {
            "a ballot of an unknown election",
            seed => seed.ReplaceLine("ballots.csv", 4, l => Regex.Replace(l, "^[^,]*,", "local.1999-05-06,")),
            "ballots.csv line 4, field 'election_id'", "unknown election 'local.1999-05-06'"
        },
        {
            "a ballot in an unknown council",
            seed => seed.AppendLine("ballots.csv", "local.2019-05-02,local.nowhere.north.2019-05-02,E99999999,North,,1,false,"),
            "ballots.csv line 5272, field 'council'", "unknown council 'E99999999'"
        },
        {
            "a ballot twice",
            seed => seed.AppendLine("ballots.csv", seed.Lines("ballots.csv")[1]),
            "ballots.csv line 5272, field 'id'", "ballot 'local.allerdale.all-saints.2019-05-02' appears twice (first on line 2)"
        },
        {
            "a ballot id not in Democracy Club's form",
            seed =>
            {
                seed.AppendLine("ballots.csv", "local.2019-05-02,Allerdale/Seaton,E07000026,Seaton,,1,false,");
                seed.AppendLine("candidates.csv", "Allerdale/Seaton,A Candidate,CON,10,true");
            },
            "ballots.csv line 5272, field 'id'", "'Allerdale/Seaton' is not a Democracy Club ballot id"
        },
        {
            "elected candidates other than the seats",
            seed => seed.ReplaceLine("ballots.csv", 6, l => l.Replace(",2,false,", ",3,false,")),
            "ballots.csv line 6, field 'seats'", "3 seats, but candidates.csv elects 2"
        },
        {
            "an uncontested ballot with a candidate not elected",
            seed => seed.AppendLine("candidates.csv", "local.allerdale.boltons.2019-05-02,Another Candidate,CON,,false"),
            "ballots.csv line 5, field 'uncontested'", "an uncontested ballot elects every candidate"
        },
        {
            "a candidate of an unknown party",
            seed => seed.ReplaceLine("candidates.csv", 2, l => Regex.Replace(l, "^([^,]*,[^,]*),[^,]*", "$1,NOPE")),
            "candidates.csv line 2, field 'party'", "unknown party 'NOPE'"
        },
        {
            "a candidate twice in a ballot",
            seed => seed.ReplaceLine("candidates.csv", 5, l => l.Replace("Keith Skelton", "Alan Smith")),
            "candidates.csv line 5, field 'name'", "candidate 'Alan Smith' appears twice"
        },
        {
            "a contested ballot's candidate without votes",
            seed => seed.ReplaceLine("candidates.csv", 7, l => l.Replace(",450,", ",,")),
            "candidates.csv line 7, field 'votes'", "is contested (ballots.csv line 2): every candidate needs votes"
        },
        {
            "an uncontested ballot's candidate with votes",
            seed => seed.ReplaceLine("candidates.csv", 11, l => l.Replace(",CON,,true", ",CON,12,true")),
            "candidates.csv line 11, field 'votes'", "is uncontested (ballots.csv line 3): no candidate has votes"
        },
        {
            "negative votes",
            seed => seed.ReplaceLine("candidates.csv", 13, l => l.Replace(",344,", ",-344,")),
            "candidates.csv line 13, field 'votes'", "-344 votes is negative"
        },
        {
            "a candidate of an unknown ballot",
            seed => seed.AppendLine("candidates.csv", "local.allerdale.nowhere.2019-05-02,Someone,CON,1,false"),
            "candidates.csv line 25797, field 'ballot'", "unknown ballot 'local.allerdale.nowhere.2019-05-02'"
        },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_rejected_with_file_line_and_field(string kind, Action<SeedCopy> breakIt, string where, string message)
    {
        using var seed = new SeedCopy();
        breakIt(seed);

        var rejected = Assert.Throws<SeedRejectedException>(() => SeedReader.Read(seed.Path));

        Assert.True(rejected.Errors.Count == 1, $"{kind}: expected one error, got:{rejected.Message}");
        Assert.StartsWith(where, rejected.Errors[0].ToString());
        Assert.Contains(message, rejected.Errors[0].Message);
        Assert.Contains(where, rejected.Message);
    }

    [Fact]
    public void Every_problem_is_reported_in_one_pass()
    {
        using var seed = new SeedCopy();
        BadInputs.Select(row => (Action<SeedCopy>)row[1]).ToList().ForEach(breakIt => breakIt(seed));

        var rejected = Assert.Throws<SeedRejectedException>(() => SeedReader.Read(seed.Path));

        Assert.True(rejected.Errors.Count >= BadInputs.Count(), string.Join("\n", rejected.Errors));
    }

    [Fact]
    public void A_missing_file_or_column_is_named()
    {
        using var seed = new SeedCopy();
        File.Delete(Path.Combine(seed.Path, "parties.csv"));
        seed.ReplaceLine("councils.csv", 1, _ => "code,name,type,region,hex_layout,hex_q,hex_r");

        var errors = Assert.Throws<SeedRejectedException>(() => SeedReader.Read(seed.Path)).Errors.Select(e => e.ToString()).ToList();

        Assert.Contains(errors, e => e.StartsWith("parties.csv: the file is missing"));
        Assert.Contains("councils.csv line 1: missing column nation", errors);
    }
}
