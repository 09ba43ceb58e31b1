namespace ElectionGraph.Storage.Seeding;

/// <summary>One reason a seed cannot be imported, pointing at the file, line and field to fix.</summary>
public sealed record SeedError(string File, int? Line, string? Field, string Message)
{
    public override string ToString() =>
        (Line, Field) switch
        {
            (null, _) => $"{File}: {Message}",
            (_, null) => $"{File} line {Line}: {Message}",
            _ => $"{File} line {Line}, field '{Field}': {Message}",
        };
}

/// <summary>The seed was rejected; nothing was written.</summary>
public sealed class SeedRejectedException(IReadOnlyList<SeedError> errors)
    : Exception($"The seed was rejected ({errors.Count} error{(errors.Count == 1 ? "" : "s")}); nothing was written:"
                + string.Concat(errors.Select(e => Environment.NewLine + "  " + e)))
{
    public IReadOnlyList<SeedError> Errors { get; } = errors;
}
