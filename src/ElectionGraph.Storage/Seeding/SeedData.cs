using ElectionGraph.Domain;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Elections;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Parties;
using ElectionGraph.Domain.Results;

namespace ElectionGraph.Storage.Seeding;

/// <summary>A validated seed, as the documents it becomes.</summary>
public sealed record SeedData(
    IReadOnlyList<Election> Elections,
    IReadOnlyList<Party> Parties,
    IReadOnlyList<Council> Councils,
    IReadOnlyList<CouncilResult> CouncilResults,
    IReadOnlyList<Mayoralty> Mayoralties,
    IReadOnlyList<Ballot> Ballots)
{
    public IReadOnlyList<IDocument> Documents =>
        [.. Elections, .. Parties, .. Councils, .. CouncilResults, .. Mayoralties, .. Ballots];

    /// <summary>
    /// The store as on polling day: what exists before any result is declared, and every ballot as nominated, so the
    /// candidates are known and the seats still to come can be counted.
    /// </summary>
    public IReadOnlyList<IDocument> PollingDay => [.. Elections, .. Parties, .. Councils, .. Ballots.Select(b => b.AsNominated())];
}
