using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Limits;
using ElectionGraph.Domain.Access;
using ElectionGraph.Domain.Elections;
using ElectionGraph.Domain.Mayoralties;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Mayoralties;

public static class MayoralMutations
{
    public static void AddMayoralMutations(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<MayoraltyGraphType>>("declareMayoralResult")
            .Description("Declares a mayoral result. Results desk only. The winner is worked out from the rounds.")
            .Costs(FieldCost.Write)
            .Argument<NonNullGraphType<DeclareMayoralResultInputGraphType>>("input")
            .AuthorizeWithRoles(Roles.ResultsDesk)
            .ResolveAsync(async context =>
            {
                var declaration = context.GetArgument<MayoralResultInput>("input").ToDeclaration(DateTime.UtcNow);
                var cancellationToken = context.CancellationToken;
                var election = await context.Find<Election>(declaration.ElectionId, cancellationToken)
                               ?? throw new DeclarationError("NOT_FOUND", $"There is no election '{declaration.ElectionId}'.");
                DeclaredWrites.Ensure(declaration.Check(await context.PartyCodes(cancellationToken)));
                return await DeclaredWrites.ApplyAsync(
                    context, declaration.MayoraltyId, declaration.DeclarationId, expectedVersion: null,
                    earlier => declaration.ToMayoralty(election.Test, earlier), cancellationToken);
            });
}
