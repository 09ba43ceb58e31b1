using System.Reactive.Linq;
using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Conventions.Filtering;
using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Domain.Results;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Results;

public static class ResultSubscriptions
{
    public static void AddResultSubscriptions(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<CouncilResultGraphType>, CouncilResult>("councilResultDeclared")
            .Description("Each council result of the election as it is declared or corrected, in the order the desk's writes were accepted.")
            .Argument<NonNullGraphType<IdGraphType>>("electionId")
            .Argument<FilterInputGraphType<CouncilResult>>("where", "The same conditions as councilResults: only the declarations that match.")
            .ResolveStreamAsync(Matching);

    /// <summary>The election's declarations that match the field's <c>where</c>, tested in memory as each arrives.</summary>
    public static async Task<IObservable<CouncilResult?>> Matching(IResolveFieldContext context)
    {
        var electionId = context.GetArgument<string>("electionId");
        var matches = context.WhereArgument<CouncilResult>();
        var feed = await context.OpenFeedAsync();
        return feed.Results.Where(r => r.ElectionId == electionId && matches(r));
    }
}
