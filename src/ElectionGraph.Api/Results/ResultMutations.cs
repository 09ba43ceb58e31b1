using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Limits;
using ElectionGraph.Domain.Access;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Elections;
using ElectionGraph.Domain.Parties;
using ElectionGraph.Domain.Results;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Results;

/// <summary>The results desk's council mutations: declare, and correct.</summary>
public static class ResultMutations
{
    public static void AddResultMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CouncilResultGraphType>>("declareCouncilResult")
            .Description("Declares a council's result. Results desk only. Control is worked out from the seats.")
            .Costs(FieldCost.Write)
            .Argument<NonNullGraphType<DeclareCouncilResultInputGraphType>>("input")
            .AuthorizeWithRoles(Roles.ResultsDesk)
            .ResolveAsync(async context => await DeclareAsync(context, expectedVersion: null));

        mutation.Field<NonNullGraphType<CouncilResultGraphType>>("correctCouncilResult")
            .Description("Replaces a declared result with a corrected one. Results desk only.")
            .Costs(FieldCost.Write)
            .Argument<NonNullGraphType<CorrectCouncilResultInputGraphType>>("input")
            .AuthorizeWithRoles(Roles.ResultsDesk)
            .ResolveAsync(async context => await DeclareAsync(context, context.GetArgument<CouncilResultInput>("input").ExpectedVersion));
    }

    private static async Task<CouncilResult> DeclareAsync(IResolveFieldContext context, long? expectedVersion)
    {
        var input = context.GetArgument<CouncilResultInput>("input");
        var declaration = input.ToDeclaration(DateTime.UtcNow);
        var cancellationToken = context.CancellationToken;

        var election = await context.Find<Election>(declaration.ElectionId, cancellationToken)
                       ?? throw new DeclarationError("NOT_FOUND", $"There is no election '{declaration.ElectionId}'.");
        var council = await context.Find<Council>(declaration.CouncilCode, cancellationToken)
                      ?? throw new DeclarationError("NOT_FOUND", $"There is no council '{declaration.CouncilCode}'.");
        DeclaredWrites.Ensure(declaration.Check(await context.PartyCodes(cancellationToken)));

        return await DeclaredWrites.ApplyAsync(
            context, CouncilResult.IdFor(election.Id, council.Id), declaration.DeclarationId, expectedVersion,
            earlier => declaration.ToResult(council, election.Test, earlier), cancellationToken);
    }
}
