using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace ElectionGraph.Api.Limits;

/// <summary>
/// What a field adds to an operation's cost, declared where the field is (README, "Keys and limits"). Every
/// object in an answer costs a point and scalars nothing; on top of that a field may cost points for the
/// store work it does each time it is resolved, and a list multiplies its items' cost by how many it holds:
/// the page its connection asks for, or the number its declaration expects.
/// </summary>
public static class FieldCost
{
    /// <summary>Store work: one document found by id.</summary>
    public const int Lookup = 1;

    /// <summary>Store work: one page of a list (filtered, sorted, bounded).</summary>
    public const int Page = 2;

    /// <summary>Store work: counting what a filter matches.</summary>
    public const int Count = 2;

    /// <summary>Store work: one grouping over an election's results.</summary>
    public const int Grouping = 10;

    /// <summary>Store work: a declaration's reads and its write.</summary>
    public const int Write = 10;

    /// <summary>Items of a list whose declaration says nothing (introspection's lists).</summary>
    public const int DefaultItems = 10;

    private const string PointsKey = "cost:points", ItemsKey = "cost:items", PageItemsKey = "cost:pageItems", LookupsKey = "cost:lookups";

    /// <summary>The points of store work this field costs each time it is resolved.</summary>
    public static FieldBuilder<TSource, TReturn> Costs<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, int points) =>
        field.WithMetadata(PointsKey, points);

    /// <summary>How many items this list field is expected to hold.</summary>
    public static FieldBuilder<TSource, TReturn> ExpectedItems<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, int items) =>
        field.WithMetadata(ItemsKey, items);

    /// <summary>This list holds the items of the page its connection field asked for (<c>first</c>/<c>last</c>).</summary>
    public static FieldBuilder<TSource, TReturn> PageItems<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.WithMetadata(PageItemsKey, true);

    /// <summary>
    /// This list looks up one document for each value of the argument (at most <paramref name="max"/>, past
    /// which the field refuses): each is an item, and costs a <see cref="Lookup"/>.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> LooksUpEach<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string argument, int max) =>
        field.WithMetadata(LookupsKey, new Lookups(argument, max));

    public static int PointsOf(FieldType? field) => field?.GetMetadata(PointsKey, 0) ?? 0;

    public static int ItemsOf(FieldType? field) => field?.GetMetadata(ItemsKey, DefaultItems) ?? DefaultItems;

    public static bool HoldsPageItems(FieldType? field) => field?.GetMetadata(PageItemsKey, false) ?? false;

    public static Lookups? LookupsOf(FieldType? field) => field?.GetMetadata<Lookups?>(LookupsKey);

    /// <summary>Whether the field's declaration says how many items it holds (a test checks every list of objects does).</summary>
    public static bool DeclaresItems(FieldType field) => field.HasMetadata(ItemsKey) || field.HasMetadata(PageItemsKey) || field.HasMetadata(LookupsKey);
}

/// <summary>A list field that looks up a document for each value of <paramref name="Argument"/>, at most <paramref name="Max"/>.</summary>
public sealed record Lookups(string Argument, int Max);
