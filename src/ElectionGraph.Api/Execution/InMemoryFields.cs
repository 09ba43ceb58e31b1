using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace ElectionGraph.Api.Execution;

/// <summary>
/// Fields whose resolver reads only its source and the request's services, and answers at once unless it returns a
/// loader's pending result (a party by code, from <see cref="Parties.PartyDirectory"/>): lists of them are written as
/// they are read (<see cref="PropertySelection"/>) like lists of plain properties; when one is pending, GraphQL.NET
/// executes the list.
/// </summary>
public static class InMemoryFields
{
    private const string Key = "electiongraph:in-memory";

    public static FieldBuilder<TSource, TReturn> ResolvesInMemory<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.WithMetadata(Key, true);

    public static bool IsInMemory(this FieldType field) => field.GetMetadata(Key, false);
}
