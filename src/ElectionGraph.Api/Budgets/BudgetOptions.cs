using ElectionGraph.Domain.Access;

namespace ElectionGraph.Api.Budgets;

/// <summary>
/// The <c>ElectionGraph:Budgets</c> section: what each kind of caller may spend. A key's own budget
/// (<see cref="ApiKeyBudget"/>) overrides its roles' defaults item by item; a key with several roles gets the
/// most generous of their defaults.
/// </summary>
public sealed class BudgetOptions
{
    public const string Section = "ElectionGraph:Budgets";

    /// <summary>Callers without a key, each client address on its own.</summary>
    public Allowance Anonymous { get; set; } = new() { CostPerMinute = 20_000, RequestsPerMinute = 120, WebSocketConnections = 5, EventStreams = 5 };

    public Allowance Partner { get; set; } = new() { CostPerMinute = 200_000, RequestsPerMinute = 1_200, WebSocketConnections = 50, EventStreams = 50 };

    public Allowance ResultsDesk { get; set; } = new() { CostPerMinute = 200_000, RequestsPerMinute = 6_000, WebSocketConnections = 10, EventStreams = 10 };

    public Allowance Admin { get; set; } = new() { CostPerMinute = 200_000, RequestsPerMinute = 600, WebSocketConnections = 5, EventStreams = 5 };

    /// <summary>
    /// What an operation the limits refuse costs its caller, as a share of its budget (or its own cost, if
    /// less): enough that a client sending what can never run is soon refused before its requests are read,
    /// not so much that one mistake locks a partner out.
    /// </summary>
    public double RefusedShare { get; set; } = 0.1;

    /// <summary>Subscriptions one WebSocket connection may hold at once.</summary>
    public int SubscriptionsPerConnection { get; set; } = 50;

    /// <summary>Subscribe messages a WebSocket connection may send each second, on average…</summary>
    public int SubscribesPerSecond { get; set; } = 10;

    /// <summary>…and at once.</summary>
    public int SubscribeBurst { get; set; } = 50;

    public Allowance Of(Security.Caller caller)
    {
        var defaults = caller.Roles.Count == 0
            ? Anonymous
            : caller.Roles.Select(role => role switch
            {
                Roles.ResultsDesk => ResultsDesk,
                Roles.Admin => Admin,
                _ => Partner,
            }).Aggregate(Allowance.Max);
        return caller.Budget is { } own ? defaults.With(own) : defaults;
    }
}

/// <summary>One caller's allowance.</summary>
public sealed record Allowance
{
    /// <summary>Cost points (README, "Keys and limits") restored each minute; the budget holds one minute's worth.</summary>
    public int CostPerMinute { get; init; }

    /// <summary>Requests of any cost (a 304 included) each minute; as many may come at once.</summary>
    public int RequestsPerMinute { get; init; }

    public int WebSocketConnections { get; init; }

    public int EventStreams { get; init; }

    public static Allowance Max(Allowance a, Allowance b) => new()
    {
        CostPerMinute = Math.Max(a.CostPerMinute, b.CostPerMinute),
        RequestsPerMinute = Math.Max(a.RequestsPerMinute, b.RequestsPerMinute),
        WebSocketConnections = Math.Max(a.WebSocketConnections, b.WebSocketConnections),
        EventStreams = Math.Max(a.EventStreams, b.EventStreams),
    };

    public Allowance With(ApiKeyBudget own) => new()
    {
        CostPerMinute = own.CostPerMinute ?? CostPerMinute,
        RequestsPerMinute = own.RequestsPerMinute ?? RequestsPerMinute,
        WebSocketConnections = own.WebSocketConnections ?? WebSocketConnections,
        EventStreams = own.EventStreams ?? EventStreams,
    };
}
