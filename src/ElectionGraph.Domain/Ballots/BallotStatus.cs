namespace ElectionGraph.Domain.Ballots;

/// <summary>Where a ward contest stands on results night.</summary>
public enum BallotStatus
{
    /// <summary>The count is not yet declared.</summary>
    Awaiting,
    Declared,
}
