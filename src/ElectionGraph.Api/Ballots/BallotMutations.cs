using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Limits;
using ElectionGraph.Domain.Access;
using ElectionGraph.Domain.Ballots;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Ballots;

public static class BallotMutations
{
    public static void AddBallotMutations(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<BallotGraphType>>("declareBallotResult")
            .Description("Declares a ward's count, or corrects it (input.expectedVersion: the version it corrects). Results desk only. " +
                         "The candidates and seats are the ballot's as nominated; the desk gives the votes and who is elected.")
            .Costs(FieldCost.Write)
            .Argument<NonNullGraphType<DeclareBallotResultInputGraphType>>("input")
            .AuthorizeWithRoles(Roles.ResultsDesk)
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<BallotResultInput>("input");
                var declaration = input.ToDeclaration(DateTime.UtcNow);
                var cancellationToken = context.CancellationToken;
                var nominated = await context.Find<Ballot>(declaration.BallotId, cancellationToken)
                                ?? throw new DeclarationError("NOT_FOUND", $"There is no ballot '{declaration.BallotId}'.");
                DeclaredWrites.Ensure(declaration.Check(nominated));
                return await DeclaredWrites.ApplyAsync(
                    context, declaration.BallotId, declaration.DeclarationId, input.ExpectedVersion,
                    earlier => declaration.ToBallot(nominated, earlier), cancellationToken);
            });
}
