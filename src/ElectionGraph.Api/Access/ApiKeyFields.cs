using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Access;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Access;

/// <summary>Key management while the API runs (the embedded store is the running process's alone): admin only.</summary>
public static class ApiKeyFields
{
    public static void AddApiKeyQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiKeyGraphType>>>>("apiKeys")
            .Description("Every API key, oldest first, revoked ones included. Admin only.")
            .Costs(FieldCost.Page).ExpectedItems(100)
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async context => await Registry(context).ListAsync(context.CancellationToken));

    public static void AddApiKeyMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CreatedApiKeyGraphType>>("createApiKey")
            .Description("Issues an API key. Admin only. The answer holds the key itself, this once: the server keeps only its hash.")
            .Costs(FieldCost.Write)
            .Argument<NonNullGraphType<CreateApiKeyInputGraphType>>("input")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<CreateApiKeyInput>("input");
                var rehearsal = context.RequestServices!.GetRequiredService<Rehearsal>().On;
                return await Registry(context).CreateAsync(input.ToGrant(), input.Test || rehearsal, context.CancellationToken);
            });

        mutation.Field<NonNullGraphType<ApiKeyGraphType>>("revokeApiKey")
            .Description("Stops a key working, from the next request; revoking a revoked key changes nothing. Admin only.")
            .Costs(FieldCost.Write)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async context => await Registry(context).RevokeAsync(context.GetArgument<string>("id"), context.CancellationToken));
    }

    private static ApiKeyRegistry Registry(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<ApiKeyRegistry>();
}
