using ElectionGraph.Api.Limits;
using GraphQL.Types;

namespace ElectionGraph.Api.Conventions.Paging;

public sealed class ConnectionGraphType<TNodeGraph, TNode> : ObjectGraphType<Connection<TNode>> where TNodeGraph : IGraphType
{
    public ConnectionGraphType()
    {
        Name = $"{typeof(TNode).Name}Connection";
        Description = $"A page of {typeof(TNode).Name} items.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeGraphType<TNodeGraph, TNode>>>>, IReadOnlyList<Edge<TNode>>>("edges")
            .PageItems()
            .Resolve(context => context.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeGraph>>>, IEnumerable<TNode>>("nodes")
            .Description("The items of the page, without cursors.")
            .PageItems()
            .Resolve(context => context.Source.Edges.Select(e => e.Node));
        Field<NonNullGraphType<PageInfoGraphType>, PageInfo>("pageInfo").Resolve(context => context.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>, int>("totalCount")
            .Description("Items matching the filter, on every page together.")
            .Costs(FieldCost.Count)
            .ResolveAsync(async context => await context.Source.CountAsync(context.CancellationToken));
    }
}

public sealed class EdgeGraphType<TNodeGraph, TNode> : ObjectGraphType<Edge<TNode>> where TNodeGraph : IGraphType
{
    public EdgeGraphType()
    {
        Name = $"{typeof(TNode).Name}Edge";
        Field(e => e.Cursor).Description("Pass as after (or before) to continue from this item.");
        Field<NonNullGraphType<TNodeGraph>, TNode>("node").Resolve(context => context.Source.Node);
    }
}

public sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Field(p => p.HasNextPage);
        Field(p => p.HasPreviousPage)
            .Description("With first/after: true when after was given (the cursor's own item precedes this page).");
        Field(p => p.StartCursor, nullable: true);
        Field(p => p.EndCursor, nullable: true);
    }
}
