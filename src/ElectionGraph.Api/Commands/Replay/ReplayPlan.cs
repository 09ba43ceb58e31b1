using ElectionGraph.Domain;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage.Seeding;

namespace ElectionGraph.Api.Commands.Replay;

/// <summary>One declaration of a replay: when it happened on the night, and the mutation that makes it.</summary>
public sealed record ReplayStep(DateTime DeclaredAt, string Label, string Mutation, Dictionary<string, object?> Input);

/// <summary>
/// The order a results night is replayed in. The compiled 2019 data has no declaration times, so the night
/// is laid out by rule: English councils from 23:30 on polling day to 18:00 the next day, smallest count
/// first (fewer seats up declare earlier), then by name, each council's contested wards in the 45 minutes
/// before its result, by ward name; mayors on the Friday afternoon, 14:00 to 17:00; Northern Ireland's councils
/// (counted from the Friday, with no ward ballots here) from 12:00 on the Friday to 18:00 on the Saturday.
/// All times UK time (BST, UTC+1). Results that carry a declaration time keep it.
/// </summary>
public static class ReplayPlan
{
    public const string DeclareCouncil = """
        mutation Declare($input: DeclareCouncilResultInput!) { declareCouncilResult(input: $input) { id version } }
        """;

    public const string DeclareBallot = """
        mutation DeclareBallot($input: DeclareBallotResultInput!) { declareBallotResult(input: $input) { id version } }
        """;

    public const string DeclareMayor = """
        mutation DeclareMayor($input: DeclareMayoralResultInput!) { declareMayoralResult(input: $input) { id version } }
        """;

    public static IReadOnlyList<ReplayStep> For(SeedData seed, string electionId)
    {
        var day = seed.Elections.Single(e => e.Id == electionId).Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var results = seed.CouncilResults.Where(r => r.ElectionId == electionId).OrderBy(r => r.SeatsUp).ThenBy(r => r.Council.Name, StringComparer.Ordinal).ToList();
        var english = results.Where(r => r.Council.Nation != Nation.NorthernIreland).ToList();
        var ni = results.Where(r => r.Council.Nation == Nation.NorthernIreland).ToList();
        var mayors = seed.Mayoralties.Where(m => m.ElectionId == electionId).OrderBy(m => m.AreaName, StringComparer.Ordinal).ToList();

        var wards = seed.Ballots.Where(b => b.ElectionId == electionId && !b.Uncontested).ToLookup(b => b.Council.Code);

        // BST is UTC+1: 23:30 BST is 22:30 UTC on polling day.
        var councils = Spread(english, day.AddHours(22.5), day.AddHours(41), r => r.DeclaredAt, Council).ToList();
        return councils
            .Concat(councils.Zip(english).SelectMany(c => Spread(
                wards[c.Second.Council.Code].OrderBy(b => b.Ward.Name, StringComparer.Ordinal).ToList(),
                c.First.DeclaredAt.AddMinutes(-45), c.First.DeclaredAt.AddMinutes(-1), _ => null, Ward)))
            .Concat(Spread(mayors, day.AddHours(37), day.AddHours(40), m => m.DeclaredAt, Mayor))
            .Concat(Spread(ni, day.AddHours(35), day.AddHours(65), r => r.DeclaredAt, Council))
            .OrderBy(step => step.DeclaredAt).ThenBy(step => step.Label, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The desk's input for a council result; the declaration id is stable, so a replay run twice changes nothing.</summary>
    public static Dictionary<string, object?> CouncilInput(CouncilResult result, string declarationId, DateTime? declaredAt = null) => new()
    {
        ["declarationId"] = declarationId,
        ["electionId"] = result.ElectionId,
        ["councilCode"] = result.Council.Code,
        ["cycle"] = ConstantCase(result.Cycle),
        ["seatsUp"] = result.SeatsUp,
        ["totalSeats"] = result.TotalSeats,
        ["controlBefore"] = result.Control.Before,
        ["seats"] = result.Seats.Select(s => new Dictionary<string, object?>
        {
            ["partyCode"] = s.PartyCode,
            ["won"] = s.Won,
            ["change"] = s.Change,
            ["changeBasis"] = s.ChangeBasis is { } basis ? ConstantCase(basis) : null,
            ["totalAfter"] = result.Cycle == Cycle.AllOut ? null : s.TotalAfter,
        }).ToList(),
        ["turnout"] = result.Turnout,
        ["declaredAt"] = declaredAt,
        ["notes"] = result.Notes,
    };

    /// <summary>The desk's input for a ward's count, as the seed has it.</summary>
    public static Dictionary<string, object?> BallotInput(Ballot ballot, string declarationId, DateTime? declaredAt = null) => new()
    {
        ["declarationId"] = declarationId,
        ["ballotId"] = ballot.Id,
        ["candidates"] = ballot.Candidates.Select(c => new Dictionary<string, object?> { ["name"] = c.Name, ["votes"] = c.Votes, ["elected"] = c.Elected }).ToList(),
        ["declaredAt"] = declaredAt,
    };

    private static ReplayStep Ward(Ballot ballot, DateTime at) =>
        new(at, $"{ballot.Council.Name}: {ballot.Ward.Name}", DeclareBallot, BallotInput(ballot, $"replay:{ballot.Id}", at));

    private static ReplayStep Council(CouncilResult result, DateTime at) =>
        new(at, result.Council.Name, DeclareCouncil, CouncilInput(result, $"replay:{result.Id}", at));

    private static ReplayStep Mayor(Mayoralty mayoralty, DateTime at) =>
        new(at, $"Mayor of {mayoralty.AreaName}", DeclareMayor, new Dictionary<string, object?>
        {
            ["declarationId"] = $"replay:{mayoralty.Id}",
            ["mayoraltyId"] = mayoralty.Id,
            ["electionId"] = mayoralty.ElectionId,
            ["areaName"] = mayoralty.AreaName,
            ["areaCode"] = mayoralty.AreaCode,
            ["votingSystem"] = ConstantCase(mayoralty.VotingSystem),
            ["electorate"] = mayoralty.Electorate,
            ["turnout"] = mayoralty.Turnout,
            ["previousPartyCode"] = mayoralty.PreviousPartyCode,
            ["newPost"] = mayoralty.NewPost,
            ["candidates"] = mayoralty.Candidates.Select(c => new Dictionary<string, object?>
            {
                ["name"] = c.Name, ["partyCode"] = c.PartyCode, ["firstRound"] = c.FirstRound, ["firstRoundShare"] = c.FirstRoundShare,
                ["secondRound"] = c.SecondRound,
            }).ToList(),
            ["declaredAt"] = at,
        });

    private static IEnumerable<ReplayStep> Spread<T>(IReadOnlyList<T> items, DateTime from, DateTime to, Func<T, DateTime?> known, Func<T, DateTime, ReplayStep> step) =>
        items.Select((item, i) => step(item, known(item) ?? from + (to - from) * (items.Count == 1 ? 0 : (double)i / (items.Count - 1))));

    private static string ConstantCase(Enum value) =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
