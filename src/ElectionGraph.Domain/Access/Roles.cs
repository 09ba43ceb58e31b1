namespace ElectionGraph.Domain.Access;

/// <summary>What a key may do beyond reading, which anyone may.</summary>
public static class Roles
{
    /// <summary>A partner: reads and subscribes with its own budget.</summary>
    public const string Partner = "partner";

    /// <summary>The results desk: declares and corrects results.</summary>
    public const string ResultsDesk = "results-desk";

    /// <summary>Manages API keys.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Partner, ResultsDesk, Admin];
}
