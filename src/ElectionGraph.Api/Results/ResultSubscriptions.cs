using ElectionGraph.Api.Conventions.Filtering;
using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Domain.Results;
using GraphQL.Types;

namespace ElectionGraph.Api.Results;

public static class ResultSubscriptions
{
    public static void AddResultSubscriptions(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<CouncilResultGraphType>, CouncilResult>("councilResultDeclared")
            .Description("Each council result of the election as it is declared or corrected, in the order the desk's writes were accepted.")
            .Argument<NonNullGraphType<IdGraphType>>("electionId")
            .Argument<FilterInputGraphType<CouncilResult>>("where", "The same conditions as councilResults: only the declarations that match.")
            .StreamsDeclarations(feed => feed.Results, r => r.ElectionId);
}
