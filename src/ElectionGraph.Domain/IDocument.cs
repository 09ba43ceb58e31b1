namespace ElectionGraph.Domain;

/// <summary>A stored document: its identity, and the version that guards concurrent writes.</summary>
public interface IDocument
{
    string Id { get; }

    /// <summary>1 for the first stored version; each accepted write adds one.</summary>
    long Version { get; }

    DateTime UpdatedAt { get; }
}
