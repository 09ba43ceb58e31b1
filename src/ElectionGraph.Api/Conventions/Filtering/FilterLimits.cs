namespace ElectionGraph.Api.Conventions.Filtering;

/// <summary>
/// How big a filter may be, so one partner's query cannot cost everyone else: the store evaluates every
/// condition, and in MongoDB every condition is part of the pipeline.
/// </summary>
public static class FilterLimits
{
    /// <summary>Values in one <c>in</c> or <c>nin</c>.</summary>
    public const int MaxListValues = 1000;

    /// <summary>Levels of <c>and</c>/<c>or</c>, embedded objects and lists.</summary>
    public const int MaxDepth = 6;

    /// <summary>Operations in one filter.</summary>
    public const int MaxConditions = 100;
}
