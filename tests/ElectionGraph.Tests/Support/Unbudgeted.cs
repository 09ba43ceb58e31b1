namespace ElectionGraph.Tests.Support;

/// <summary>
/// Budgets far beyond anything a test or a load benchmark spends, for every kind of caller, so that only the
/// tests of budgets (which set their own) meet them. Also linked into bench/.
/// </summary>
public static class Unbudgeted
{
    public static readonly IReadOnlyDictionary<string, string> Settings = new[] { "Anonymous", "Partner", "ResultsDesk", "Admin" }
        .SelectMany(caller => new[] { "CostPerMinute", "RequestsPerMinute", "WebSocketConnections", "EventStreams" }
            .Select(item => KeyValuePair.Create($"ElectionGraph:Budgets:{caller}:{item}", "100000000")))
        .Concat([
            KeyValuePair.Create("ElectionGraph:Budgets:SubscriptionsPerConnection", "100000"),
            KeyValuePair.Create("ElectionGraph:Budgets:SubscribeBurst", "100000"),
            KeyValuePair.Create("ElectionGraph:Budgets:RefusedShare", "0"),
        ])
        .ToDictionary();
}
