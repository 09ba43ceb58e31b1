using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Schema;
using ElectionGraph.Api.Security;
using ElectionGraph.Domain.Access;
using ElectionGraph.Domain.Webhooks;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace ElectionGraph.Api.Webhooks;

/// <summary>A partner key's webhooks: each key sees and manages its own, and no other's.</summary>
public static class WebhookFields
{
    public static void AddWebhookQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookGraphType>>>>("webhooks")
            .Description("Your key's webhooks, oldest first. Partner keys.")
            .Costs(FieldCost.Page).ExpectedItems(25)
            .AuthorizeWithRoles(Roles.Partner)
            .ResolveAsync(async context => await Registry(context).ListAsync(Owner(context), context.CancellationToken));

        query.Field<WebhookGraphType>("webhook")
            .Description("One of your key's webhooks; null when you have none with this id. Partner keys.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Costs(FieldCost.Lookup)
            .AuthorizeWithRoles(Roles.Partner)
            .ResolveAsync(async context => (await Registry(context).ListAsync(Owner(context), context.CancellationToken))
                .SingleOrDefault(w => w.Id == context.GetArgument<string>("id")));
    }

    public static void AddWebhookMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CreatedWebhookGraphType>>("createWebhook")
            .Description("Registers a webhook: the document's result is POSTed to the URL for each declaration it matches from now on. " +
                         "The answer holds its signing secret, this once. Partner keys.")
            .Argument<NonNullGraphType<CreateWebhookInputGraphType>>("input")
            .Write(async (context, registry, owner) =>
            {
                var input = context.GetArgument<CreateWebhookInput>("input");
                var variables = context.RequestServices!.GetRequiredService<IGraphQLTextSerializer>().Serialize(input.Variables ?? []);
                return await registry.CreateAsync(owner, new WebhookRegistry.Registration(input.Url, input.Query, input.OperationName, variables, input.Description), context.CancellationToken);
            });

        mutation.Field<NonNullGraphType<WebhookGraphType>>("pauseWebhook")
            .Description("Stops calling it: deliveries are recorded meanwhile and sent once it is resumed. Partner keys.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Write((context, registry, owner) => registry.PauseAsync(owner, context.GetArgument<string>("id"), context.CancellationToken));

        mutation.Field<NonNullGraphType<WebhookGraphType>>("resumeWebhook")
            .Description("Calls it again, paused or failing, starting with the deliveries held meanwhile. Partner keys.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Write((context, registry, owner) => registry.ResumeAsync(owner, context.GetArgument<string>("id"), context.CancellationToken));

        mutation.Field<NonNullGraphType<CreatedWebhookGraphType>>("rotateWebhookSecret")
            .Description("Gives it a new signing secret, shown this once; deliveries are signed with the previous one too for a grace period (24 hours unless configured). Partner keys.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Write((context, registry, owner) => registry.RotateSecretAsync(owner, context.GetArgument<string>("id"), context.CancellationToken));

        mutation.Field<NonNullGraphType<WebhookGraphType>>("deleteWebhook")
            .Description("Deletes it: never called again, its pending deliveries cancelled. Partner keys.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Write((context, registry, owner) => registry.DeleteAsync(owner, context.GetArgument<string>("id"), context.CancellationToken));
    }

    /// <summary>A webhook mutation: a partner key's, with the registry and the key's id.</summary>
    private static void Write<TResult>(this FieldBuilder<object?, object> field, Func<IResolveFieldContext, WebhookRegistry, string, Task<TResult>> write) =>
        field.Costs(FieldCost.Write).AuthorizeWithRoles(Roles.Partner)
            .ResolveAsync(async context => await write(context, Registry(context), Owner(context)));

    private static WebhookRegistry Registry(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<WebhookRegistry>();

    /// <summary>The caller's key id: these fields run only for keys (<see cref="RequiredRoles"/>).</summary>
    private static string Owner(IResolveFieldContext context) => ((KeyIdentity)context.User!.Identity!).Key.Id;
}
