namespace ElectionGraph.Api.Limits;

/// <summary>
/// The <c>ElectionGraph:Limits</c> configuration section: how much one request may ask of the server. Every
/// operation in <c>schema/examples</c> passes each document and operation limit at a quarter of its default
/// (LimitDefaultsTests), and so does GraphiQL's introspection query at the default.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "ElectionGraph:Limits";

    /// <summary>UTF-8 bytes of one document: what one WebSocket message may carry; the largest example is 707.</summary>
    public int MaxDocumentBytes { get; set; } = 65_536;

    /// <summary>Tokens (names, values, punctuation) of one document, comments aside: the default of Apollo's router.</summary>
    public int MaxTokens { get; set; } = 15_000;

    /// <summary>Brackets (<c>{ [ (</c>) open at once: the deepest filter accepted (6 levels) needs about 16.</summary>
    public int MaxNesting { get; set; } = 64;

    /// <summary>Fields nested in one operation, through fragments: GraphiQL's introspection query is 15 deep, the examples at most 5.</summary>
    public int MaxDepth { get; set; } = 20;

    /// <summary>Fields of one operation or fragment with its fragments spread: about four introspection queries.</summary>
    public int MaxSelections { get; set; } = 1_000;

    /// <summary>Aliased fields of one operation or fragment, fragments spread.</summary>
    public int MaxAliases { get; set; } = 50;

    /// <summary>Directives (<c>@include</c>, <c>@skip</c>, …) of one operation or fragment, fragments spread.</summary>
    public int MaxDirectives { get; set; } = 50;

    /// <summary>Cost points of one operation: five results maps at 500 a page (9,503 each), three introspections (about 16,400).</summary>
    public long MaxOperationCost { get; set; } = 50_000;

    /// <summary>Cost points of one request: the operations of a batch together.</summary>
    public long MaxRequestCost { get; set; } = 100_000;

    /// <summary>Errors in one answer; past this, one more error says how many were left out.</summary>
    public int MaxErrors { get; set; } = 20;

    /// <summary>UTF-8 bytes of one operation's variables, as JSON: what one WebSocket message may carry.</summary>
    public int MaxVariablesBytes { get; set; } = 65_536;

    /// <summary>Objects and lists nested in one operation's variables: twice what the deepest filter accepted needs.</summary>
    public int MaxVariablesDepth { get; set; } = 32;

    /// <summary>
    /// UTF-8 bytes of one answer (a batch's answers together, each WebSocket or SSE payload): ten times the
    /// results map with each result's reported totals (520 KB over the 2019 data).
    /// </summary>
    public int MaxResponseBytes { get; set; } = 5_000_000;

    /// <summary>Seconds a query may run before it is stopped, its store queries with it (not mutations, nor subscriptions' streams).</summary>
    public double OperationTimeoutSeconds { get; set; } = 5;
}
