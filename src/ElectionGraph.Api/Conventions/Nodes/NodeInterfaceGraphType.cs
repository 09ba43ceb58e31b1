using GraphQL.Types;

namespace ElectionGraph.Api.Conventions.Nodes;

/// <summary>The GraphQL Global Object Identification specification's <c>Node</c>, on which Relay's refetching and normalised caches build.</summary>
public sealed class NodeInterfaceGraphType : InterfaceGraphType
{
    private NodeIds? _ids;

    public NodeInterfaceGraphType()
    {
        Name = "Node";
        Description = "An object with a global id, which node(id:) finds again.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Unique across every type, and never changes.");
    }

    /// <summary>The schema's Node types (read once the schema is initialised, from the types that implement this interface).</summary>
    public NodeIds Ids => _ids ??= new NodeIds(PossibleTypes.Select(type => type.GetMetadata<NodeKind>(NodeKind.Key)
        ?? throw new InvalidOperationException($"{type.Name} implements Node without declaring it: call IsNode in its graph type.")));
}
