using ElectionGraph.Api.Conventions.Loading;
using ElectionGraph.Domain;
using GraphQL;
using GraphQL.DataLoader;

namespace ElectionGraph.Api.Conventions.Nodes;

/// <summary>
/// How a document type's global ids are formed. Where the stored id is already unique across the graph by its
/// form (Democracy Club ids, a result's <c>election:council</c>), it is the global id unchanged, so ids published
/// before the Node interface still work. A type whose stored ids are bare codes puts a word and a colon before
/// them (<c>council:E07000170</c>): Democracy Club ids have no colon, and a result's begins with an election's
/// id, which has a dot, so no other id can begin that way.
/// </summary>
public abstract class NodeKind(string? prefix)
{
    public const string Key = "node:kind";

    /// <summary>The word before the colon; null when the stored id is the global id.</summary>
    public string? Prefix { get; } = prefix;

    /// <summary>Queues the document with this stored id on the request's batch loader.</summary>
    public abstract IDataLoaderResult Load(IResolveFieldContext context, string storedId);
}

public sealed class NodeKind<T>(string? prefix) : NodeKind(prefix) where T : class, IDocument
{
    public string GlobalId(T document) => Prefix is null ? document.Id : $"{Prefix}:{document.Id}";

    public override IDataLoaderResult Load(IResolveFieldContext context, string storedId) => context.Loaders().ById<T>().Load(storedId);
}
