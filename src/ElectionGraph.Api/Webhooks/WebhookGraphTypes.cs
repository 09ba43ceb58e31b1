using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Webhooks;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Webhooks;

public sealed class WebhookGraphType : ObjectGraphType<Webhook>
{
    public WebhookGraphType()
    {
        Name = "Webhook";
        Description = "A subscription document whose result is POSTed to your URL, signed, for each declaration it matches (README, \"Webhooks\").";
        Field(w => w.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("wh_…");
        Field(w => w.Url).Description("Where deliveries are POSTed.");
        Field(w => w.Description, nullable: true);
        Field(w => w.Query).Description("The subscription document: each delivery's body is its result for one declaration.");
        Field(w => w.OperationName, nullable: true);
        Field<NonNullGraphType<JsonObjectGraphType>, object>("variables").Description("The document's variables.")
            .Resolve(context => context.RequestServices!.GetRequiredService<IGraphQLTextSerializer>().Deserialize<Inputs>(context.Source.Variables));
        Field(w => w.SubscriptionField).Description("The subscription field the document selects: the declarations it follows.");
        Field(w => w.Status, type: typeof(NonNullGraphType<WebhookStatusGraphType>));
        Field(w => w.FailedDeliveries).Description("Deliveries in a row that failed every attempt; a delivered one sets it back to 0. At the server's limit (3 unless configured) the webhook is FAILING.");
        Field(w => w.CreatedAt);
        Field(w => w.PausedAt, nullable: true).Description("When it stopped being called, paused or failing; null while active.");
        Field(w => w.PreviousSecretUntil, nullable: true)
            .Description("After a rotation, until when deliveries are also signed with the previous secret; null when there is none.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookDeliveryGraphType>>>, IReadOnlyList<WebhookDelivery>>("deliveries")
            .Description($"Its recent deliveries, newest first (at most {WebhookRegistry.MaxDeliveriesListed}).")
            .Argument<IntGraphType>("first", "How many.", a => a.DefaultValue = 20)
            .Argument<WebhookDeliveryStatusGraphType>("status", "Only those with this status.")
            .Costs(FieldCost.Page).ExpectedItems(20)
            .ResolveAsync(async context => await context.RequestServices!.GetRequiredService<WebhookRegistry>().DeliveriesAsync(
                context.Source.Id, context.GetArgument("first", 20), context.GetArgument<DeliveryStatus?>("status"), context.CancellationToken));
        this.AddStamps();
    }
}

public sealed class WebhookStatusGraphType : EnumerationGraphType
{
    public WebhookStatusGraphType()
    {
        Name = "WebhookStatus";
        Description = "Whether a webhook is called.";
        Add("ACTIVE", WebhookStatus.Active, "Called for each declaration its document matches.");
        Add("PAUSED", WebhookStatus.Paused, "Paused by you: deliveries are recorded and held until you resume it.");
        Add("FAILING", WebhookStatus.Failing, "Paused by the server after deliveries in a row failed every attempt: held, as when paused, until you resume it.");
        Add("DELETED", WebhookStatus.Deleted, "Deleted: never called again.");
    }
}

public sealed class WebhookDeliveryGraphType : ObjectGraphType<WebhookDelivery>
{
    public WebhookDeliveryGraphType()
    {
        Name = "WebhookDelivery";
        Description = "One declaration on its way to one webhook, with every attempt made.";
        Field(d => d.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("whd_…: sent as ElectionGraph-Delivery-Id.");
        Field(d => d.EventId, type: typeof(NonNullGraphType<IdGraphType>)).Description("evt_…: the declaration's version, the same for every webhook it reaches; sent as ElectionGraph-Event-Id.");
        Field(d => d.DocumentId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The declared document (a council result, mayoralty or ballot).");
        Field(d => d.DocumentVersion, type: typeof(NonNullGraphType<LongGraphType>)).Description("Its version: keep the highest you have seen, discard older.");
        Field(d => d.DeclaredAt).Description("When the declaration was stored.");
        Field(d => d.Status, type: typeof(NonNullGraphType<WebhookDeliveryStatusGraphType>));
        Field(d => d.Attempts, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<WebhookDeliveryAttemptGraphType>>>)).Description("Oldest first.").ExpectedItems(10);
        Field(d => d.NextAttemptAt, nullable: true).Description("When it is next attempted; null once done, or while the webhook is paused.");
        Field(d => d.CreatedAt).Description("When it was recorded.");
        Field(d => d.DeliveredAt, nullable: true);
        Field(d => d.Body).Description("The request body, as sent on every attempt.");
    }
}

public sealed class WebhookDeliveryStatusGraphType : EnumerationGraphType
{
    public WebhookDeliveryStatusGraphType()
    {
        Name = "WebhookDeliveryStatus";
        Add("PENDING", DeliveryStatus.Pending, "Not yet delivered: due at nextAttemptAt, or held while the webhook is paused.");
        Add("DELIVERED", DeliveryStatus.Delivered, "Your URL answered 2xx in time.");
        Add("FAILED", DeliveryStatus.Failed, "Every attempt failed.");
        Add("CANCELLED", DeliveryStatus.Cancelled, "The webhook was deleted before it was delivered.");
    }
}

public sealed class WebhookDeliveryAttemptGraphType : ObjectGraphType<DeliveryAttempt>
{
    public WebhookDeliveryAttemptGraphType()
    {
        Name = "WebhookDeliveryAttempt";
        Field(a => a.At);
        Field(a => a.DurationMs).Description("From sending to your answer's status (or giving up).");
        Field(a => a.StatusCode, nullable: true).Description("Your answer's HTTP status; null when there was none.");
        Field(a => a.Error, nullable: true).Description("Why it failed (\"HTTP 503\", \"no answer within 10 s\", …); null when delivered.");
    }
}

public sealed class CreatedWebhookGraphType : ObjectGraphType<WebhookRegistry.Created>
{
    public CreatedWebhookGraphType()
    {
        Name = "CreatedWebhook";
        Field(c => c.Webhook, type: typeof(NonNullGraphType<WebhookGraphType>));
        Field(c => c.Secret).Description("whsec_…: the key of every delivery's HMAC-SHA-256 signature. Shown here only, once.");
    }
}

/// <summary>A webhook as a partner registers it.</summary>
public sealed class CreateWebhookInput
{
    public string Url { get; init; } = "";
    public string Query { get; init; } = "";
    public Dictionary<string, object?>? Variables { get; init; }
    public string? OperationName { get; init; }
    public string? Description { get; init; }
}

public sealed class CreateWebhookInputGraphType : InputObjectGraphType<CreateWebhookInput>
{
    public CreateWebhookInputGraphType()
    {
        Name = "CreateWebhookInput";
        Field(i => i.Url).Description("An https URL of a public address.");
        Field(i => i.Query).Description("A subscription to one declaration field (councilResultDeclared, mayoralResultDeclared, ballotDeclared), with the fields each delivery should hold.");
        Field(i => i.Variables, type: typeof(JsonObjectGraphType)).Description("Its variables.");
        Field(i => i.OperationName, nullable: true).Description("Which operation, when the document holds several.");
        Field(i => i.Description, nullable: true).Description($"For you: what it is for (at most {WebhookRegistry.MaxDescriptionLength} characters).");
    }
}
