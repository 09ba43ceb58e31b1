using ElectionGraph.Domain;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Results;

namespace ElectionGraph.Tests.Domain;

public class PartySeatTotalTests
{
    private static CouncilResult Result(string code, int seatsUp, params SeatRow[] seats) => new()
    {
        Id = code,
        ElectionId = "e",
        Council = new CouncilSummary(code, code, "R", CouncilType.District, Nation.England),
        Cycle = Cycle.AllOut,
        SeatsUp = seatsUp,
        TotalSeats = seatsUp,
        Control = Control.Of(null, "NOC"),
        Status = ResultStatus.Declared,
        Seats = seats,
    };

    [Fact]
    public void Net_change_totals_sum_seats_and_reported_changes_per_party_and_count_what_they_cover()
    {
        var totals = PartySeatTotal.Of(
        [
            Result("A", 10, new SeatRow("CON", 6, -2, ChangeBasis.PreviousElection, 6), new SeatRow("LD", 4, 2, ChangeBasis.PreviousElection, 4)),
            Result("B", 5, new SeatRow("CON", 2, null, null, null), new SeatRow("LD", 3, 3, ChangeBasis.Notional, null)),
        ]);

        Assert.Equal(
            [new PartySeatTotal("CON", 8, -2, 2, 1), new PartySeatTotal("LD", 7, 5, 2, 2)],
            totals);
    }

    [Fact]
    public void Seats_are_complete_only_when_the_rows_account_for_every_seat_up()
    {
        Assert.True(Result("A", 3, new SeatRow("CON", 3, null, null, null)).SeatsComplete);
        Assert.False(Result("A", 4, new SeatRow("CON", 3, null, null, null)).SeatsComplete);
    }
}
