namespace ElectionGraph.Domain;

/// <summary>A document the results desk declares: it remembers which declarations it holds, so a repeat is recognised.</summary>
public interface IDeclared : IDocument
{
    IReadOnlyList<string> DeclarationIds { get; }

    /// <summary>
    /// Whether the document holds a declared result. Not the same as having <see cref="DeclarationIds"/>: seeded
    /// results were declared before the desk existed, and an uncontested ballot at the close of nominations.
    /// </summary>
    bool IsDeclared { get; }
}
