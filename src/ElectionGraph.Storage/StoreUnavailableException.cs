namespace ElectionGraph.Storage;

/// <summary>The store cannot be opened or reached; the message says why and what to check.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
