namespace ElectionGraph.Api.Limits;

/// <summary>
/// The <c>ElectionGraph:Limits</c> configuration section: how much one request may ask of the server. Every
/// operation in <c>schema/examples</c> passes each of them many times over (LimitsTests holds them to it).
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "ElectionGraph:Limits";

    /// <summary>UTF-8 bytes of one document: as much as one WebSocket message may carry, 30 times the largest partner example.</summary>
    public int MaxDocumentBytes { get; set; } = 65_536;

    /// <summary>Tokens (names, punctuation, values) of one document: the default of Apollo's router.</summary>
    public int MaxTokens { get; set; } = 15_000;

    /// <summary>Brackets (<c>{ [ (</c>) open at once: four times what the deepest filter the API accepts needs.</summary>
    public int MaxNesting { get; set; } = 64;

    /// <summary>Fields nested in one operation, through fragments: the standard introspection query is 15 deep, the examples at most 5.</summary>
    public int MaxDepth { get; set; } = 20;

    /// <summary>Fields of one operation with its fragments spread: four times the standard introspection query.</summary>
    public int MaxSelections { get; set; } = 1_000;

    /// <summary>Aliased fields of one operation, fragments spread.</summary>
    public int MaxAliases { get; set; } = 50;

    /// <summary>Directives (<c>@include</c>, <c>@skip</c>, …) of one operation, fragments spread.</summary>
    public int MaxDirectives { get; set; } = 50;

    /// <summary>Cost points of one operation (README, "Keys and limits"): five times the results map at 500 a page.</summary>
    public long MaxOperationCost { get; set; } = 50_000;

    /// <summary>Cost points of one request: the operations of a batch together.</summary>
    public long MaxRequestCost { get; set; } = 100_000;

    /// <summary>Errors in one answer; past this, one more error says how many were left out.</summary>
    public int MaxErrors { get; set; } = 20;

    /// <summary>UTF-8 bytes of one operation's variables, as JSON.</summary>
    public int MaxVariablesBytes { get; set; } = 65_536;

    /// <summary>JSON nesting of one operation's variables: twice what the deepest filter the API accepts needs.</summary>
    public int MaxVariablesDepth { get; set; } = 32;

    /// <summary>UTF-8 bytes of one answer (a batch's answers together; each WebSocket or SSE payload).</summary>
    public int MaxResponseBytes { get; set; } = 5_000_000;

    /// <summary>How long a query or mutation may run before it is cancelled, store queries included.</summary>
    public double OperationTimeoutSeconds { get; set; } = 5;
}
