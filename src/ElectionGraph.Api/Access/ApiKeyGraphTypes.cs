using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Access;
using GraphQL.Types;

namespace ElectionGraph.Api.Access;

public sealed class ApiKeyGraphType : ObjectGraphType<ApiKey>
{
    public ApiKeyGraphType()
    {
        Name = "ApiKey";
        Description = "An API key as the server keeps it: never the key itself, which only its holder has.";
        Field(k => k.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("key_…: the key's public id, to revoke it by.");
        Field(k => k.Name);
        Field(k => k.Contact, nullable: true).Description("Who to call about this key.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiKeyRoleGraphType>>>, IEnumerable<string>>("roles").Resolve(context => context.Source.Roles);
        Field<ApiKeyBudgetGraphType, ApiKeyBudget>("budget").Description("The key's own limits; null for the server's defaults.").Resolve(context => context.Source.Budget);
        Field(k => k.Prefix).Description("The key's first characters (eg_live_AbCdEf): enough to recognise it, say in a leaked file; not to use it.");
        Field(k => k.CreatedAt);
        Field(k => k.LastUsedAt, nullable: true).Description("When the key was last presented, to within the server's recording interval (ten minutes unless configured).");
        Field(k => k.RevokedAt, nullable: true).Description("When the key stopped working; null while it works.");
        this.AddStamps();
    }
}

public sealed class ApiKeyRoleGraphType : EnumerationGraphType
{
    public ApiKeyRoleGraphType()
    {
        Name = "ApiKeyRole";
        Description = "What a key may do beyond reading.";
        Add("PARTNER", Roles.Partner, "Reads and subscribes, within its budget.");
        Add("RESULTS_DESK", Roles.ResultsDesk, "Declares and corrects results.");
        Add("ADMIN", Roles.Admin, "Issues, lists and revokes API keys.");
    }
}

public sealed class ApiKeyBudgetGraphType : ObjectGraphType<ApiKeyBudget>
{
    public ApiKeyBudgetGraphType()
    {
        Name = "ApiKeyBudget";
        Description = "A key's own limits; a null one is the server's default.";
        Field(b => b.CostPerMinute, nullable: true).Description("Query cost points restored per minute.");
        Field(b => b.RequestsPerMinute, nullable: true).Description("Requests per minute, whatever their cost.");
        Field(b => b.WebSocketConnections, nullable: true).Description("WebSocket connections open at once.");
        Field(b => b.EventStreams, nullable: true).Description("Server-Sent Events streams open at once.");
    }
}

public sealed class ApiKeyBudgetInputGraphType : InputObjectGraphType<ApiKeyBudget>
{
    public ApiKeyBudgetInputGraphType()
    {
        Name = "ApiKeyBudgetInput";
        Description = "A key's own limits; leave one out for the server's default.";
        Field(b => b.CostPerMinute, nullable: true);
        Field(b => b.RequestsPerMinute, nullable: true);
        Field(b => b.WebSocketConnections, nullable: true);
        Field(b => b.EventStreams, nullable: true);
    }
}

/// <summary>A key as an administrator asks for it.</summary>
public sealed class CreateApiKeyInput
{
    public string Name { get; init; } = "";
    public string? Contact { get; init; }
    public List<string> Roles { get; init; } = [];
    public ApiKeyBudget? Budget { get; init; }
    public bool Test { get; init; }

    public ApiKeyGrant ToGrant() => new(Name, Contact, Roles, Budget);
}

public sealed class CreateApiKeyInputGraphType : InputObjectGraphType<CreateApiKeyInput>
{
    public CreateApiKeyInputGraphType()
    {
        Name = "CreateApiKeyInput";
        Field(i => i.Name).Description("Whose key: a partner's name, say.");
        Field(i => i.Contact, nullable: true);
        Field(i => i.Roles, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<ApiKeyRoleGraphType>>>));
        Field(i => i.Budget, type: typeof(ApiKeyBudgetInputGraphType));
        Field(i => i.Test, type: typeof(BooleanGraphType)).DefaultValue(false)
            .Description("An eg_test_ key, for rehearsals (every key is one while the server runs in rehearsal mode).");
    }
}

public sealed class CreatedApiKeyGraphType : ObjectGraphType<ApiKeyRegistry.Created>
{
    public CreatedApiKeyGraphType()
    {
        Name = "CreatedApiKey";
        Field(c => c.ApiKey, type: typeof(NonNullGraphType<ApiKeyGraphType>));
        Field(c => c.Secret).Description("The key to send as X-Api-Key or Authorization: Bearer. Shown here only, once: the server keeps only its hash.");
    }
}
