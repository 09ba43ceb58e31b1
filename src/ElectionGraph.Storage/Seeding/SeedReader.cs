using ElectionGraph.Domain;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Elections;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Parties;
using ElectionGraph.Domain.Results;

namespace ElectionGraph.Storage.Seeding;

/// <summary>
/// Reads and validates a seed folder (format: seed/README.md). Every problem is collected, with file, line
/// and field; if there is any, <see cref="Read"/> throws before a single document exists to be written.
/// </summary>
public sealed class SeedReader
{
    private readonly string _directory;
    private readonly List<SeedError> _errors = [];

    private SeedReader(string directory) => _directory = directory;

    /// <exception cref="SeedRejectedException">The seed has errors; the exception lists them all.</exception>
    public static SeedData Read(string directory)
    {
        var reader = new SeedReader(directory);
        var data = reader.ReadAll();
        return reader._errors.Count == 0 ? data : throw new SeedRejectedException(reader._errors);
    }

    private SeedData ReadAll()
    {
        var parties = ReadParties();
        var councils = ReadCouncils();
        var elections = ReadElections(parties);
        var results = ReadResults(elections, councils, parties);
        var mayoralties = ReadMayoralties(elections, parties);
        var ballots = ReadBallots(elections, councils, parties);
        return new SeedData(elections.Values.ToList(), parties.Values.ToList(), councils.Values.ToList(), results, mayoralties, ballots);
    }

    private Dictionary<string, Party> ReadParties()
    {
        var parties = new Dictionary<string, Party>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>();
        var rollups = new List<(SeedRow Row, string Code)>();
        foreach (var row in Rows("parties.csv", "code", "name", "short_name", "colour", "rollup"))
        {
            var code = row.Text("code");
            if (!Unique(row, "code", code, lines, "party")) continue;
            var rollup = row.Text("rollup");
            rollups.Add((row, rollup));
            parties[code] = new Party
            {
                Id = code,
                Name = row.Text("name"),
                ShortName = row.Text("short_name"),
                Colour = row.OptionalText("colour"),
                RollupCode = rollup,
            };
        }

        foreach (var (row, code) in rollups) KnownParty(row, "rollup", code, parties);
        return parties;
    }

    private Dictionary<string, Council> ReadCouncils()
    {
        var councils = new Dictionary<string, Council>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>();
        var hexes = new Dictionary<HexPosition, int>();
        foreach (var row in Rows("councils.csv", "code", "name", "type", "region", "nation", "hex_layout", "hex_q", "hex_r"))
        {
            var code = row.Text("code");
            if (!Unique(row, "code", code, lines, "council")) continue;
            councils[code] = new Council
            {
                Id = code,
                Name = row.Text("name"),
                Type = row.Enum<CouncilType>("type"),
                Region = row.Text("region"),
                Nation = row.Enum<Nation>("nation"),
                Hex = Hex(row, hexes),
            };
        }

        return councils;
    }

    /// <summary>A council's hexagon: all three cells or none, a HexJSON layout, and no hexagon taken twice.</summary>
    private static HexPosition? Hex(SeedRow row, Dictionary<HexPosition, int> taken)
    {
        var (layout, q, r) = (row.OptionalText("hex_layout"), row.OptionalInt("hex_q"), row.OptionalInt("hex_r"));
        if (layout is null && q is null && r is null) return null;
        if (layout is null || q is null || r is null)
        {
            row.Error(layout is null ? "hex_layout" : q is null ? "hex_q" : "hex_r", "a hexagon needs hex_layout, hex_q and hex_r, or none of them");
            return null;
        }

        if (!HexPosition.Layouts.Contains(layout))
        {
            row.Error("hex_layout", $"'{layout}' is not a HexJSON layout ({string.Join(", ", HexPosition.Layouts)})");
            return null;
        }

        var hex = new HexPosition(layout, q.Value, r.Value);
        if (taken.TryGetValue(hex, out var line)) row.Error("hex_q", $"the hexagon ({q}, {r}) is also line {line}'s");
        else taken[hex] = row.Line;
        return hex;
    }

    private Dictionary<string, Election> ReadElections(Dictionary<string, Party> parties)
    {
        var elections = new Dictionary<string, Election>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>();
        foreach (var row in Rows("elections.csv", "id", "name", "date", "nations", "status"))
        {
            var id = row.Text("id");
            if (!Unique(row, "id", id, lines, "election")) continue;
            elections[id] = new Election
            {
                Id = id,
                Name = row.Text("name"),
                Date = row.Date("date"),
                Nations = Nations(row, "nations"),
                Status = row.Enum<ElectionStatus>("status"),
                Test = row.Has("test") && row.OptionalText("test") is not null && row.Bool("test"),
            };
        }

        var shares = new List<(string Election, ProjectedShare Share)>();
        var totals = new List<(string Election, ReportedTotal Total)>();
        foreach (var row in Rows("national.csv", "election_id", "nation", "party", "seats_won", "seats_change",
                     "councils_controlled", "councils_change", "projected_share", "projected_share_change", "source"))
        {
            var election = KnownElection(row, elections);
            var partyCodes = row.Text("party").Split('+');
            foreach (var code in partyCodes) KnownParty(row, "party", code, parties);
            var source = row.OptionalText("source");
            totals.Add((election, new ReportedTotal(
                row.Enum<Nation>("nation"), partyCodes, row.OptionalInt("seats_won"), row.OptionalInt("seats_change"),
                row.OptionalInt("councils_controlled"), row.OptionalInt("councils_change"), source)));
            if (row.OptionalDecimal("projected_share") is { } share)
                shares.Add((election, new ProjectedShare(partyCodes.Single(), share, row.OptionalDecimal("projected_share_change"), source)));
        }

        return elections.ToDictionary(
            e => e.Key,
            e => e.Value with
            {
                ProjectedShare = shares.Where(s => s.Election == e.Key).Select(s => s.Share).ToList(),
                ReportedTotals = totals.Where(t => t.Election == e.Key).Select(t => t.Total).ToList(),
            },
            StringComparer.Ordinal);
    }

    private List<CouncilResult> ReadResults(
        Dictionary<string, Election> elections, Dictionary<string, Council> councils, Dictionary<string, Party> parties)
    {
        var results = new Dictionary<string, (CouncilResult Result, SeedRow Row)>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>();
        foreach (var row in Rows("council-results.csv", "election_id", "council", "cycle", "seats_up", "total_seats",
                     "control_before", "control_after", "turnout", "status", "declared_at", "sources", "notes"))
        {
            var election = KnownElection(row, elections);
            var code = row.Text("council");
            if (!councils.TryGetValue(code, out var council))
            {
                if (code.Length > 0) row.Error("council", $"unknown council '{code}' (not in councils.csv)");
                continue;
            }

            var id = CouncilResult.IdFor(election, code);
            if (!Unique(row, "council", id, lines, $"result for council")) continue;
            var seatsUp = row.Int("seats_up");
            var totalSeats = row.Int("total_seats");
            if (seatsUp > totalSeats) row.Error("seats_up", $"{seatsUp} seats up is more than the council's {totalSeats} seats");
            results[id] = (new CouncilResult
            {
                Id = id,
                ElectionId = election,
                Council = CouncilSummary.Of(council),
                Cycle = row.Enum<Cycle>("cycle"),
                SeatsUp = seatsUp,
                TotalSeats = totalSeats,
                Control = Control.Of(ControlCode(row, "control_before", parties, required: false), ControlCode(row, "control_after", parties, required: true)!),
                Turnout = row.OptionalDecimal("turnout"),
                Status = row.Enum<ResultStatus>("status"),
                DeclaredAt = row.OptionalInstant("declared_at"),
                Seats = [],
                Sources = row.OptionalText("sources"),
                Notes = row.OptionalText("notes"),
            }, row);
        }

        var seats = new Dictionary<string, List<SeatRow>>(StringComparer.Ordinal);
        foreach (var row in Rows("council-seats.csv", "election_id", "council", "party", "won", "change", "change_basis", "total_after"))
        {
            var id = CouncilResult.IdFor(row.Text("election_id"), row.Text("council"));
            if (!results.TryGetValue(id, out var result))
            {
                row.Error("council", $"unknown council '{row.Text("council")}' (no row for it in council-results.csv for {row.Text("election_id")})");
                continue;
            }

            var party = row.Text("party");
            KnownParty(row, "party", party, parties);
            var rows = seats.TryGetValue(id, out var list) ? list : seats[id] = [];
            if (rows.Any(s => s.PartyCode == party)) row.Error("party", $"party '{party}' appears twice for this council");
            var won = row.Int("won");
            if (won < 0) row.Error("won", $"{won} seats won is negative");
            var change = row.OptionalInt("change");
            rows.Add(new SeatRow(party, won, change,
                row.OptionalText("change_basis") is null ? null : row.Enum<ChangeBasis>("change_basis"),
                row.OptionalInt("total_after")));
            var sum = rows.Sum(s => s.Won);
            if (sum > result.Result.SeatsUp && sum - won <= result.Result.SeatsUp)
                row.Error("won", $"seats won in {result.Result.Council.Name} add up to {sum} here, above the {result.Result.SeatsUp} seats up (council-results.csv line {result.Row.Line})");
        }

        return results.Values
            .Select(r => r.Result with { Seats = seats.TryGetValue(r.Result.Id, out var rows) ? rows : [] })
            .ToList();
    }

    private List<Mayoralty> ReadMayoralties(Dictionary<string, Election> elections, Dictionary<string, Party> parties)
    {
        var mayoralties = new Dictionary<string, Mayoralty>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>();
        foreach (var row in Rows("mayoralties.csv", "id", "election_id", "area_code", "area_name", "area_type", "voting_system",
                     "electorate", "turnout", "previous_party", "new_post", "status", "declared_at", "sources", "notes"))
        {
            var id = row.Text("id");
            if (!Unique(row, "id", id, lines, "mayoralty")) continue;
            var previous = row.OptionalText("previous_party");
            if (previous is not null) KnownParty(row, "previous_party", previous, parties);
            mayoralties[id] = new Mayoralty
            {
                Id = id,
                ElectionId = KnownElection(row, elections),
                AreaCode = row.OptionalText("area_code"),
                AreaName = row.Text("area_name"),
                AreaType = row.OptionalText("area_type"),
                VotingSystem = row.Enum<VotingSystem>("voting_system"),
                Electorate = row.OptionalInt("electorate"),
                Turnout = row.OptionalDecimal("turnout"),
                Candidates = [],
                PreviousPartyCode = previous,
                NewPost = row.Bool("new_post"),
                Status = row.Enum<ResultStatus>("status"),
                DeclaredAt = row.OptionalInstant("declared_at"),
                Sources = row.OptionalText("sources"),
                Notes = row.OptionalText("notes"),
            };
        }

        var candidates = new Dictionary<string, List<Candidate>>(StringComparer.Ordinal);
        foreach (var row in Rows("mayoral-candidates.csv", "mayoralty", "name", "party", "first_round", "first_round_share", "second_round", "elected"))
        {
            var mayoralty = row.Text("mayoralty");
            if (!mayoralties.ContainsKey(mayoralty))
            {
                row.Error("mayoralty", $"unknown mayoralty '{mayoralty}' (not in mayoralties.csv)");
                continue;
            }

            var party = row.Text("party");
            KnownParty(row, "party", party, parties);
            var list = candidates.TryGetValue(mayoralty, out var found) ? found : candidates[mayoralty] = [];
            var candidate = new Candidate(row.Text("name"), party, row.OptionalInt("first_round"),
                row.OptionalDecimal("first_round_share"), row.OptionalInt("second_round"), row.Bool("elected"));
            if (candidate.Elected && list.Any(c => c.Elected)) row.Error("elected", $"a second elected candidate for {mayoralty}");
            list.Add(candidate);
        }

        return mayoralties.Values.Select(m =>
        {
            var list = candidates.TryGetValue(m.Id, out var found) ? found : [];
            var winner = list.FirstOrDefault(c => c.Elected);
            return m with { Candidates = list, Winner = winner is null ? null : new MayoralWinner(winner.Name, winner.PartyCode) };
        }).ToList();
    }

    private List<Ballot> ReadBallots(
        Dictionary<string, Election> elections, Dictionary<string, Council> councils, Dictionary<string, Party> parties)
    {
        var ballots = new Dictionary<string, (Ballot Ballot, SeedRow Row)>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>();
        foreach (var row in Rows("ballots.csv", "election_id", "id", "council", "ward_name", "ward_code", "seats", "uncontested", "turnout"))
        {
            var election = KnownElection(row, elections);
            var id = row.Text("id");
            if (!Unique(row, "id", id, lines, "ballot")) continue;
            if (!Ballot.IsBallotId(id)) row.Error("id", $"'{id}' is not a Democracy Club ballot id: local.<council>.<ward>.<yyyy-MM-dd>, lowercase with hyphens");
            var code = row.Text("council");
            if (!councils.TryGetValue(code, out var council))
            {
                if (code.Length > 0) row.Error("council", $"unknown council '{code}' (not in councils.csv)");
                continue;
            }

            ballots[id] = (new Ballot
            {
                Id = id,
                ElectionId = election,
                Council = CouncilSummary.Of(council),
                Ward = new Ward(row.Text("ward_name"), row.OptionalText("ward_code")),
                SeatsContested = row.Int("seats"),
                Uncontested = row.Bool("uncontested"),
                Candidates = [],
                Turnout = row.OptionalDecimal("turnout"),
                // The seed holds final results; polling day is derived from them (SeedData.PollingDay).
                Status = BallotStatus.Declared,
            }, row);
        }

        var candidates = new Dictionary<string, List<BallotCandidate>>(StringComparer.Ordinal);
        foreach (var row in Rows("candidates.csv", "ballot", "name", "party", "votes", "elected"))
        {
            var id = row.Text("ballot");
            if (!ballots.TryGetValue(id, out var ballot))
            {
                if (id.Length > 0) row.Error("ballot", $"unknown ballot '{id}' (not in ballots.csv)");
                continue;
            }

            var (name, party) = (row.Text("name"), row.Text("party"));
            KnownParty(row, "party", party, parties);
            var list = candidates.TryGetValue(id, out var found) ? found : candidates[id] = [];
            if (name.Length > 0 && list.Any(c => c.Name == name)) row.Error("name", $"candidate '{name}' appears twice in {id}");
            // Presence, not the parsed number: a malformed figure is already reported as such.
            var hasVotes = row.OptionalText("votes") is not null;
            if (hasVotes == ballot.Ballot.Uncontested)
                row.Error("votes", ballot.Ballot.Uncontested
                    ? $"{id} is uncontested (ballots.csv line {ballot.Row.Line}): no candidate has votes"
                    : $"{id} is contested (ballots.csv line {ballot.Row.Line}): every candidate needs votes");
            var votes = row.OptionalInt("votes");
            if (votes < 0) row.Error("votes", $"{votes} votes is negative");
            list.Add(new BallotCandidate(name, party, votes, null, row.Bool("elected")));
        }

        foreach (var (ballot, row) in ballots.Values)
        {
            var list = candidates.GetValueOrDefault(ballot.Id) ?? [];
            var elected = list.Count(c => c.Elected);
            if (elected != ballot.SeatsContested)
                row.Error("seats", $"{ballot.SeatsContested} seats, but candidates.csv elects {elected} of {ballot.Id}'s {list.Count} candidates");
            else if (ballot.Uncontested && list.Count != elected)
                row.Error("uncontested", $"an uncontested ballot elects every candidate, but {list.Count - elected} of {ballot.Id}'s are not elected");
        }

        return ballots.Values
            .Select(b => b.Ballot with { Candidates = BallotCount.Ranked(candidates.GetValueOrDefault(b.Ballot.Id) ?? []) })
            .ToList();
    }

    private IEnumerable<SeedRow> Rows(string fileName, params string[] columns)
    {
        var path = Path.Combine(_directory, fileName);
        if (!File.Exists(path))
        {
            _errors.Add(new SeedError(fileName, null, null, $"the file is missing from {_directory}"));
            return [];
        }

        CsvFile file;
        try
        {
            file = CsvFile.Read(path, fileName);
        }
        catch (CsvHelper.CsvFormatException e)
        {
            _errors.Add(new SeedError(fileName, (int)e.LineNumber, null, e.Message));
            return [];
        }
        catch (FormatException e)
        {
            _errors.Add(new SeedError(fileName, null, null, e.Message));
            return [];
        }

        var missing = columns.Except(file.Header).ToList();
        if (missing.Count > 0)
        {
            _errors.Add(new SeedError(fileName, 1, null, $"missing column{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}"));
            return [];
        }

        return file.Records.Select(r => new SeedRow(file, r.Line, r.Fields, _errors)).ToList();
    }

    private static bool Unique(SeedRow row, string field, string key, Dictionary<string, int> seen, string what)
    {
        if (key.Length == 0) return false;
        if (seen.TryGetValue(key, out var first))
        {
            row.Error(field, $"{what} '{key}' appears twice (first on line {first})");
            return false;
        }

        seen[key] = row.Line;
        return true;
    }

    private static string KnownElection(SeedRow row, Dictionary<string, Election> elections)
    {
        var id = row.Text("election_id");
        if (id.Length > 0 && !elections.ContainsKey(id)) row.Error("election_id", $"unknown election '{id}' (not in elections.csv)");
        return id;
    }

    private static void KnownParty(SeedRow row, string field, string code, Dictionary<string, Party> parties)
    {
        if (code.Length > 0 && !parties.ContainsKey(code)) row.Error(field, $"unknown party '{code}' (not in parties.csv)");
    }

    private static string? ControlCode(SeedRow row, string field, Dictionary<string, Party> parties, bool required)
    {
        var code = required ? row.Text(field) : row.OptionalText(field);
        if (code is not null && code != Control.NoOverallControl) KnownParty(row, field, code, parties);
        return code;
    }

    private static IReadOnlyList<Nation> Nations(SeedRow row, string field) =>
        (row.OptionalText(field) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(n => SeedRow.TryEnum<Nation>(n, out var nation) ? nation : Invalid(row, field, n))
        .ToList();

    private static Nation Invalid(SeedRow row, string field, string value)
    {
        row.Error(field, $"'{value}' is not a nation ({string.Join(", ", Enum.GetNames<Nation>().Select(SeedRow.SnakeCase))})");
        return default;
    }
}
