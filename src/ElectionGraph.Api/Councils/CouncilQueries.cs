using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Conventions.Sorting;
using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Councils;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Councils;

/// <summary>The council fields of the query root, and the store queries behind them.</summary>
public static class CouncilQueries
{
    public static IQueryable<Council> ByCode(IQueryable<Council> councils, string code) => councils.WithId(code);

    public static void AddCouncilFields(this ObjectGraphType query)
    {
        query.Connection<CouncilGraphType, Council>("councils", context => context.Documents<Council>(), SortKey.Asc<Council, string>(c => c.Name))
            .Description("Councils; by name unless ordered.");
        query.StoreItem<CouncilGraphType, Council>("council", (councils, context) => ByCode(councils, context.GetArgument<string>("code")))
            .Argument<NonNullGraphType<IdGraphType>>("code", "ONS GSS code.");
    }
}
