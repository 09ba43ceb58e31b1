using Microsoft.VisualBasic.FileIO;

namespace ElectionGraph.Tests.Support;

/// <summary>
/// The seed's ward files read straight from CSV, apart from the importer, so what the API answers about ballots is
/// checked against the files themselves and not against the code that loaded them.
/// </summary>
public static class WardFiles
{
    public sealed record Ballot(string Id, string CouncilCode, string CouncilName, string Region, string WardName, int Seats, bool Uncontested, IReadOnlyList<Candidate> Candidates)
    {
        public int? Majority => Uncontested
            ? null
            : Candidates.Where(c => c.Elected).Min(c => c.Votes) - Candidates.Where(c => !c.Elected).Max(c => c.Votes);

        public int? TotalVotes => Uncontested ? null : Candidates.Sum(c => c.Votes);

        /// <summary>In percent of <paramref name="total"/>, to one decimal place, halves away from zero (as the API rounds shares).</summary>
        public static decimal? Share(int? votes, int? total) =>
            votes is null || total is null or 0 ? null : Math.Round(100m * votes.Value / total.Value, 1, MidpointRounding.AwayFromZero);
    }

    public sealed record Candidate(string Name, string Party, int? Votes, bool Elected);

    private static readonly Lazy<IReadOnlyList<Ballot>> Read = new(() =>
    {
        var councils = Rows("councils.csv").ToDictionary(r => r["code"]);
        var candidates = Rows("candidates.csv").ToLookup(r => r["ballot"], r => new Candidate(
            r["name"], r["party"], r["votes"] == "" ? null : int.Parse(r["votes"]), bool.Parse(r["elected"])));
        return Rows("ballots.csv").Select(r => new Ballot(
            r["id"], r["council"], councils[r["council"]]["name"], councils[r["council"]]["region"], r["ward_name"], int.Parse(r["seats"]), bool.Parse(r["uncontested"]),
            candidates[r["id"]].ToList())).ToList();
    });

    public static IReadOnlyList<Ballot> Ballots => Read.Value;

    public static IEnumerable<(Ballot Ballot, Candidate Candidate)> Candidacies => Ballots.SelectMany(b => b.Candidates.Select(c => (b, c)));

    private static IEnumerable<Dictionary<string, string>> Rows(string file)
    {
        using var parser = new TextFieldParser(Path.Combine(Repo.Seed, file)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        while (parser.ReadFields() is { } fields) yield return header.Zip(fields).ToDictionary(p => p.First, p => p.Second);
    }
}
