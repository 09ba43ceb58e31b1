using ElectionGraph.Domain.Councils;

namespace ElectionGraph.Domain.Results;

/// <summary>
/// A council result as the results desk declares it. The domain checks it and works out control; the
/// desk's word is taken for the seats, never for who controls the council.
/// </summary>
/// <param name="DeclarationId">The desk's own id for this declaration: sending it twice changes nothing.</param>
/// <param name="ControlBefore">A party code or NOC; null for a council with no predecessor.</param>
/// <param name="Seats">Seat rows; <c>TotalAfter</c> may be left out where the whole council was elected (it is then the seats won).</param>
public sealed record CouncilDeclaration(
    string DeclarationId,
    string ElectionId,
    string CouncilCode,
    Cycle Cycle,
    int SeatsUp,
    int TotalSeats,
    string? ControlBefore,
    IReadOnlyList<SeatRow> Seats,
    decimal? Turnout,
    DateTime DeclaredAt,
    string? Notes)
{
    /// <summary>What is wrong with the declaration, by input field; empty when it can be stored.</summary>
    public IReadOnlyList<DeclarationProblem> Check(IReadOnlySet<string> parties)
    {
        var problems = new List<DeclarationProblem>();
        void Problem(string field, string message) => problems.Add(new DeclarationProblem(field, message));

        if (SeatsUp <= 0) Problem("seatsUp", "must be at least 1");
        if (TotalSeats < SeatsUp) Problem("totalSeats", $"{TotalSeats} seats on the council is fewer than the {SeatsUp} seats up");
        if (ControlBefore is not null && ControlBefore != Control.NoOverallControl && !parties.Contains(ControlBefore))
            Problem("controlBefore", $"unknown party '{ControlBefore}'");
        if (Turnout is < 0 or > 100) Problem("turnout", "is a percentage, 0 to 100");

        foreach (var (seat, index) in Seats.Select((s, i) => (s, i)))
        {
            var field = $"seats[{index}]";
            if (!parties.Contains(seat.PartyCode)) Problem($"{field}.partyCode", $"unknown party '{seat.PartyCode}'");
            if (Seats.Take(index).Any(s => s.PartyCode == seat.PartyCode)) Problem($"{field}.partyCode", $"'{seat.PartyCode}' is declared twice");
            if (seat.Won < 0) Problem($"{field}.won", "cannot be negative");
            if (seat.TotalAfter is { } after && after < seat.Won) Problem($"{field}.totalAfter", $"{after} is fewer than the {seat.Won} seats won");
            if (seat.TotalAfter is { } total && Cycle == Cycle.AllOut && total != seat.Won) Problem($"{field}.totalAfter", "equals the seats won when the whole council is elected");
        }

        var won = Seats.Sum(s => s.Won);
        if (won != SeatsUp) Problem("seats", $"seats won add up to {won}, not the {SeatsUp} seats up");
        var totals = WithTotals().Sum(s => s.TotalAfter ?? 0);
        if (totals > TotalSeats) Problem("seats", $"totals after add up to {totals}, more than the council's {TotalSeats} seats");
        if (problems.Count == 0 && ControlAfter() is null)
            Problem("seats", "no party has a majority and the totals after do not cover every seat: give each party's total after, so control can be decided");
        return problems;
    }

    /// <summary>The stored result; call after <see cref="Check"/> found nothing.</summary>
    public CouncilResult ToResult(Council council, bool test, IReadOnlyList<string> earlierDeclarations) => new()
    {
        Id = CouncilResult.IdFor(ElectionId, CouncilCode),
        ElectionId = ElectionId,
        Council = CouncilSummary.Of(council),
        Cycle = Cycle,
        SeatsUp = SeatsUp,
        TotalSeats = TotalSeats,
        Control = Control.Of(ControlBefore, ControlAfter() ?? throw new InvalidOperationException("Control cannot be decided; Check first.")),
        Turnout = Turnout,
        Status = ResultStatus.Declared,
        DeclaredAt = DeclaredAt,
        Seats = WithTotals(),
        Notes = Notes,
        DeclarationIds = [.. earlierDeclarations, DeclarationId],
        Test = test,
    };

    private string? ControlAfter() => Control.Decide(WithTotals(), TotalSeats);

    private IReadOnlyList<SeatRow> WithTotals() =>
        Cycle == Cycle.AllOut ? Seats.Select(s => s with { TotalAfter = s.Won }).ToList() : Seats;
}

/// <param name="Field">The input field at fault, e.g. <c>seats[2].partyCode</c>.</param>
public sealed record DeclarationProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
