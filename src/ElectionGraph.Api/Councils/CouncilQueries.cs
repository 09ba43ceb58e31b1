using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Councils;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Councils;

/// <summary>The council fields of the query root, and the store queries behind them.</summary>
public static class CouncilQueries
{
    public static IQueryable<Council> All(IQueryable<Council> councils) => councils.OrderBy(c => c.Name).ThenBy(c => c.Id);

    public static IQueryable<Council> ByCode(IQueryable<Council> councils, string code) => councils.Where(c => c.Id == code);

    public static void AddCouncilFields(this ObjectGraphType query)
    {
        query.StoreList<CouncilGraphType, Council>("councils", (councils, _) => All(councils))
            .Description("Every council, by name.");
        query.StoreItem<CouncilGraphType, Council>("council", (councils, context) => ByCode(councils, context.GetArgument<string>("code")))
            .Argument<NonNullGraphType<IdGraphType>>("code", "ONS GSS code.");
    }
}
