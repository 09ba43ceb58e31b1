using ElectionGraph.Api.Conventions.Filtering;
using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Domain.Ballots;
using GraphQL.Types;

namespace ElectionGraph.Api.Ballots;

public static class BallotSubscriptions
{
    public static void AddBallotSubscriptions(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<BallotGraphType>, Ballot>("ballotDeclared")
            .Description("Each ward count of the election as it is declared or corrected, in the order the desk's writes were accepted.")
            .Argument<NonNullGraphType<IdGraphType>>("electionId")
            .Argument<FilterInputGraphType<Ballot>>("where", "The same conditions as ballots, e.g. one council's: { council: { code: { eq: \"E07000030\" } } }.")
            .StreamsDeclarations(feed => feed.Ballots, b => b.ElectionId);
}
