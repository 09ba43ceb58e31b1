using ElectionGraph.Api.Transport;
using ElectionGraph.Domain;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Api.Conventions;

/// <summary>
/// How a declaration becomes a stored document: once. A repeated declaration id returns what is stored and
/// changes nothing; a first declaration must find no declared document (a ballot awaiting its count is replaced); a
/// correction must name the version it corrects.
/// </summary>
public static class DeclaredWrites
{
    /// <param name="expectedVersion">Null to declare (the document must not be declared yet); the corrected version to correct.</param>
    /// <param name="build">The document to store, given the declarations the stored one holds.</param>
    public static async Task<T> ApplyAsync<T>(
        IResolveFieldContext context, string id, string declarationId, long? expectedVersion,
        Func<IReadOnlyList<string>, T> build, CancellationToken cancellationToken)
        where T : class, IDeclared
    {
        var documents = context.Collection<T>();
        var current = await documents.FindAsync(id, cancellationToken);
        if (current?.DeclarationIds.Contains(declarationId) == true) return current;
        if (expectedVersion is null && current is { IsDeclared: true })
            throw new DeclarationError("ALREADY_DECLARED", $"{id} is already declared (version {current.Version}); send a correction with expectedVersion.", current.Version);
        if (expectedVersion is not null && current is not { IsDeclared: true })
            throw new DeclarationError("NOT_DECLARED", $"{id} has not been declared yet: declare it first.");
        if (expectedVersion is not null && expectedVersion != current!.Version)
            throw Conflict(id, current.Version);

        try
        {
            // A first declaration replaces what is stored before the count (a ballot as nominated), if anything.
            var stored = await documents.UpsertAsync(build(current?.DeclarationIds ?? []), expectedVersion ?? current?.Version ?? 0, cancellationToken);
            // Before the desk is answered: a query after this answer, on this instance, must see the write, not a
            // kept answer or a 304 from before it (the change feed would tell the data version only a moment later).
            context.RequestServices?.GetService<DataVersion>()?.Advance(stored.UpdatedAt);
            return stored;
        }
        catch (VersionConflictException e)
        {
            // Another write got in first; if it was this very declaration (a retry racing itself), that is success.
            var stored = await documents.FindAsync(id, cancellationToken);
            return stored?.DeclarationIds.Contains(declarationId) == true ? stored : throw Conflict(id, e.CurrentVersion);
        }
    }

    /// <summary>Refuses a declaration the domain rules found wrong, listing each problem by input field.</summary>
    public static void Ensure(IReadOnlyList<DeclarationProblem> problems)
    {
        if (problems.Count == 0) return;
        var error = new DeclarationError("INVALID_DECLARATION", "The declaration was refused: " + string.Join("; ", problems));
        error.Extensions!["problems"] = problems.Select(p => new Dictionary<string, object?> { ["field"] = p.Field, ["message"] = p.Message }).ToList();
        throw error;
    }

    private static DeclarationError Conflict(string id, long currentVersion) =>
        new("CONFLICT", $"{id} has changed since (it is at version {currentVersion}): re-read it and correct that version.", currentVersion);
}

/// <summary>A declaration the API will not store; <c>extensions</c> carries what a desk needs to fix it.</summary>
public sealed class DeclarationError : ExecutionError
{
    public DeclarationError(string code, string message, long? currentVersion = null) : base(message)
    {
        Code = code;
        Extensions = [];
        if (currentVersion is not null) Extensions["currentVersion"] = currentVersion;
    }
}
