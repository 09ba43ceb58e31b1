using System.Security.Cryptography;
using System.Text;
using ElectionGraph.Api.Telemetry;
using GraphQL;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// Persisted operations: registered ones (a folder of .graphql files, by SHA-256 hash or file name) and
/// Apollo's automatic persisted queries (a client sends a hash; on a miss it sends the text once, which is
/// verified and remembered, in a bounded cache). In allow-list mode only registered operations run.
/// </summary>
public sealed class PersistedQueries : IDisposable
{
    public const string Extension = "persistedQuery";

    private readonly Dictionary<string, string> _registered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _registeredTexts = new(StringComparer.Ordinal);
    private readonly Instruments _instruments;
    private readonly MemoryCache _automatic;
    private readonly bool _allowListOnly;

    public PersistedQueries(IOptions<TransportOptions> options, Instruments instruments)
    {
        _instruments = instruments;
        var settings = options.Value.PersistedQueries;
        _allowListOnly = settings.AllowListOnly;
        _automatic = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.MaxEntries });
        if (settings.Directory is null) return;
        foreach (var file in Directory.GetFiles(settings.Directory, "*.graphql"))
        {
            var text = File.ReadAllText(file);
            _registered[Hash(text)] = text;
            _registered[Path.GetFileNameWithoutExtension(file)] = text;
            _registeredTexts.Add(text);
        }
    }

    /// <summary>The lowercase hex SHA-256 of the query's UTF-8 text, as Apollo clients compute it.</summary>
    public static string Hash(string query) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));

    /// <summary>Whether the text is one of the registered operations' (which metrics may name).</summary>
    public bool IsRegistered(string query) => _registeredTexts.Contains(query);

    /// <summary>The query text the request stands for.</summary>
    /// <exception cref="PersistedQueryException">The request cannot run as sent; the exception says why and with which status.</exception>
    public string Resolve(OperationRequest request)
    {
        if (request.DocumentId is { } id)
        {
            var key = id.StartsWith("sha256:", StringComparison.Ordinal) ? id["sha256:".Length..] : id;
            return Lookup(key) ?? throw new PersistedQueryException(StatusCodes.Status400BadRequest, "DOCUMENT_NOT_FOUND", $"No persisted operation has the id '{id}'.");
        }

        if (request.Extensions?.TryGetValue(Extension, out var extension) == true) return Automatic(request.Query, extension);

        return !_allowListOnly || _registered.ContainsKey(Hash(request.Query!))
            ? request.Query!
            : throw NotAllowed();
    }

    private string Automatic(string? query, object? extension)
    {
        if (extension is not IDictionary<string, object?> persisted || !persisted.TryGetValue("sha256Hash", out var given) || given is not string hash)
            throw new PersistedQueryException(StatusCodes.Status400BadRequest, "INVALID_REQUEST", "extensions.persistedQuery needs a sha256Hash.");
        if (!persisted.TryGetValue("version", out var version) || version is not (1 or 1L or 1.0 or 1m))
            throw new PersistedQueryException(StatusCodes.Status400BadRequest, "PERSISTED_QUERY_VERSION_NOT_SUPPORTED", "Only version 1 of persisted queries is supported.");
        hash = hash.ToLowerInvariant();

        if (query is null)
        {
            // Apollo's protocol: a miss is a 200 with this code, and the client retries with the text.
            return Lookup(hash) ?? throw new PersistedQueryException(StatusCodes.Status200OK, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound");
        }

        if (Hash(query) != hash)
            throw new PersistedQueryException(StatusCodes.Status400BadRequest, "PERSISTED_QUERY_HASH_MISMATCH", "The sha256Hash does not match the query text.");
        if (_registered.ContainsKey(hash)) return query;
        if (_allowListOnly) throw NotAllowed();
        _automatic.Set(hash, query, new MemoryCacheEntryOptions { Size = 1 });
        return query;
    }

    /// <summary>The text stored under an id or hash, registered or sent before; each lookup counted, hit or miss.</summary>
    private string? Lookup(string key)
    {
        var found = _registered.TryGetValue(key, out var text) || _automatic.TryGetValue(key, out text);
        _instruments.PersistedLookup(found);
        return found ? text : null;
    }

    private static PersistedQueryException NotAllowed() =>
        new(StatusCodes.Status403Forbidden, "OPERATION_NOT_ALLOWED", "This server runs registered operations only; send one by its id or hash.");

    public void Dispose() => _automatic.Dispose();
}

/// <summary>A persisted-operation request that cannot run: a coded GraphQL error and the HTTP status to send it with.</summary>
public sealed class PersistedQueryException : ExecutionError
{
    public PersistedQueryException(int status, string code, string message) : base(message)
    {
        Status = status;
        Code = code;
    }

    public int Status { get; }
}
