namespace ElectionGraph.Domain;

/// <summary>A document the results desk declares: it remembers which declarations it holds, so a repeat is recognised.</summary>
public interface IDeclared : IDocument
{
    IReadOnlyList<string> DeclarationIds { get; }
}
