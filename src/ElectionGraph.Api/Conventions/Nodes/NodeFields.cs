using ElectionGraph.Api.Limits;
using ElectionGraph.Domain;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Conventions.Nodes;

/// <summary>Global object identification: a document type declares itself a Node, and the query root finds any Node by its id.</summary>
public static class NodeFields
{
    /// <summary>Ids one <c>nodes</c> call may ask for, as GitHub's API allows.</summary>
    public const int MaxIds = 100;

    /// <summary>
    /// Makes this type a Node: it implements the interface, gets its <c>id</c> field, and <c>node(id:)</c> finds it.
    /// Call it first in the graph type, so <c>id</c> leads its fields.
    /// </summary>
    /// <param name="prefix">For a type whose stored ids are bare codes: the word its global ids begin with (see <see cref="NodeKind"/>).</param>
    public static void IsNode<T>(this ObjectGraphType<T> type, string description, string? prefix = null) where T : class, IDocument
    {
        var kind = new NodeKind<T>(prefix);
        type.Interface<NodeInterfaceGraphType>();
        type.Field<NonNullGraphType<IdGraphType>, string>("id").Description(description).Resolve(context => kind.GlobalId(context.Source));
        type.Metadata[NodeKind.Key] = kind;
    }

    public static void AddNodeFields(this ObjectGraphType query)
    {
        query.Field<NodeInterfaceGraphType>("node")
            .Description("The object with this id, of any type; null when the id names nothing.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Costs(FieldCost.Lookup)
            .Resolve(context => Ids(context).Load(context, context.GetArgument<string>("id")));
        query.Field<NonNullGraphType<ListGraphType<NodeInterfaceGraphType>>>("nodes")
            .Description($"The objects with these ids (at most {MaxIds}), in the same order; null where an id names nothing.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids")
            .LooksUpEach("ids", MaxIds)
            .Resolve(context =>
            {
                var ids = context.GetArgument<List<string>>("ids");
                if (ids.Count > MaxIds)
                    throw new LimitError("TOO_MANY_IDS", $"nodes takes at most {MaxIds} ids; {ids.Count} were given. Ask for the rest in another call.",
                        MaxIds, "ids", ids.Count);
                return Ids(context).LoadAll(context, ids);
            });
    }

    private static NodeIds Ids(IResolveFieldContext context) => ((NodeInterfaceGraphType)context.FieldDefinition.ResolvedType!.GetNamedType()).Ids;
}
