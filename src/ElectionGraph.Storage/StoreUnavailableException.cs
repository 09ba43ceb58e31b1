namespace ElectionGraph.Storage;

/// <summary>
/// The store cannot be opened, reached or written; the message says why and what to check. Both adapters
/// translate their driver's failures into it, so the API answers every store fault alike.
/// </summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
