using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Security;
using ElectionGraph.Domain.Access;
using ElectionGraph.Storage;
using GraphQL;

namespace ElectionGraph.Api.Access;

/// <summary>Issuing, listing and revoking keys, for the admin operations and the <c>keys</c> command alike.</summary>
/// <param name="index">The running API's index, told of each write at once, so this instance's next request
/// sees it (other instances follow the change feed); none for the command.</param>
public sealed class ApiKeyRegistry(IDocumentStore store, TimeProvider clock, ApiKeyIndex? index = null)
{
    /// <param name="Secret">The key itself: shown to whoever asked for it, this once.</param>
    public sealed record Created(ApiKey ApiKey, string Secret);

    private IDocumentCollection<ApiKey> Keys => store.Collection<ApiKey>();

    /// <param name="test">An <c>eg_test_</c> key, for rehearsals.</param>
    /// <exception cref="KeyError"><c>INVALID_INPUT</c>: the grant's problems.</exception>
    public async Task<Created> CreateAsync(ApiKeyGrant grant, bool test, CancellationToken cancellationToken)
    {
        if (grant.Check() is { Count: > 0 } problems)
            throw new KeyError("INVALID_INPUT", "The key was not issued: " + string.Join("; ", problems));
        var issued = KeySecrets.New(test);
        var key = new ApiKey
        {
            Id = KeySecrets.NewId(),
            Name = grant.Name.Trim(),
            Contact = grant.Contact,
            Roles = grant.Roles.Distinct().ToList(),
            Budget = grant.Budget,
            Prefix = issued.Prefix,
            Hash = issued.Hash,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        return new Created(Indexed(await Keys.UpsertAsync(key, expectedVersion: 0, cancellationToken)), issued.Secret);
    }

    /// <summary>Stops a key working, from the next request (revoking a revoked key changes nothing).</summary>
    /// <exception cref="KeyError"><c>NOT_FOUND</c>.</exception>
    public async Task<ApiKey> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var key = await Keys.FindAsync(id, cancellationToken) ?? throw new KeyError("NOT_FOUND", $"There is no API key '{id}'.");
            if (key.RevokedAt is not null) return key;
            try
            {
                return Indexed(await Keys.UpsertAsync(key with { RevokedAt = clock.GetUtcNow().UtcDateTime }, key.Version, cancellationToken));
            }
            catch (VersionConflictException)
            {
                // Its last use was being recorded: read it again.
            }
        }
    }

    private ApiKey Indexed(ApiKey key)
    {
        index?.Apply(key);
        return key;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        await Oldest(Keys.Query()).ToListAsync(cancellationToken);

    /// <summary>Every key, oldest first.</summary>
    public static IQueryable<ApiKey> Oldest(IQueryable<ApiKey> keys) => keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id);
}

/// <summary>A key operation refused; the message says why.</summary>
public sealed class KeyError : ExecutionError
{
    public KeyError(string code, string message) : base(message) => Code = code;
}
