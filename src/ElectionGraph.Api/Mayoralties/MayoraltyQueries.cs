using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Conventions.Sorting;
using ElectionGraph.Domain.Mayoralties;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Mayoralties;

/// <summary>The mayoral fields of the query root, and the store queries behind them.</summary>
public static class MayoraltyQueries
{
    public static IQueryable<Mayoralty> ForElection(IQueryable<Mayoralty> mayoralties, string electionId) =>
        mayoralties.Where(m => m.ElectionId == electionId);

    public static void AddMayoraltyFields(this ObjectGraphType query) =>
        query.Connection<MayoraltyGraphType, Mayoralty>("mayoralties",
                context => ForElection(context.Documents<Mayoralty>(), context.GetArgument<string>("electionId")),
                SortKey.Asc<Mayoralty, string>(m => m.AreaName))
            .Description("The mayoral elections of an election; by area unless ordered.")
            .Argument<NonNullGraphType<IdGraphType>>("electionId");
}
