using ElectionGraph.Domain.Results;

namespace ElectionGraph.Tests.Domain;

public class ControlTests
{
    private static SeatRow Row(string party, int? totalAfter) => new(party, 0, null, null, totalAfter);

    [Fact]
    public void A_party_with_more_than_half_of_all_seats_controls_the_council()
    {
        Assert.Equal("LD", Control.Decide([Row("LD", 22), Row("CON", 20)], totalSeats: 42));
    }

    [Fact]
    public void Exactly_half_is_no_overall_control()
    {
        // North Devon 2019: the Lib Dems won 21 of 42.
        Assert.Equal(Control.NoOverallControl, Control.Decide([Row("LD", 21), Row("CON", 21)], totalSeats: 42));
    }

    [Fact]
    public void Without_a_majority_and_with_seats_unaccounted_for_control_cannot_be_told()
    {
        Assert.Null(Control.Decide([Row("LD", 20), Row("CON", 18), Row("IND", null)], totalSeats: 42));
    }

    [Fact]
    public void Without_a_majority_and_with_too_few_seats_unaccounted_to_make_one_there_is_no_overall_control()
    {
        // Broxtowe 2019: 42 of 44 seats filled on the day, two polls postponed; no party near 23.
        Assert.Equal(Control.NoOverallControl, Control.Decide([Row("CON", 20), Row("LAB", 13), Row("LD", 9)], totalSeats: 44));
    }

    [Fact]
    public void A_known_majority_decides_even_when_other_totals_are_missing()
    {
        Assert.Equal("CON", Control.Decide([Row("CON", 30), Row("LAB", null)], totalSeats: 50));
    }

    [Theory]
    [InlineData("CON", "NOC", true)]
    [InlineData("LAB", "LAB", false)]
    [InlineData(null, "CON", null)]
    public void Control_changed_compares_before_and_after_and_is_unknown_without_before(string? before, string after, bool? changed)
    {
        Assert.Equal(changed, Control.Of(before, after).Changed);
    }
}
