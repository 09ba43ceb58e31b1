namespace ElectionGraph.Domain.Access;

/// <summary>What an administrator asks for when issuing a key.</summary>
public sealed record ApiKeyGrant(string Name, string? Contact, IReadOnlyList<string> Roles, ApiKeyBudget? Budget)
{
    public const int MaxTextLength = 200;

    /// <summary>What is wrong with the grant, one line a problem; empty when a key can be issued.</summary>
    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) problems.Add("name: must not be empty");
        if (Name.Length > MaxTextLength) problems.Add($"name: at most {MaxTextLength} characters");
        if (Contact?.Length > MaxTextLength) problems.Add($"contact: at most {MaxTextLength} characters");
        if (Roles.Count == 0) problems.Add($"roles: at least one of {string.Join(", ", Access.Roles.All)}");
        problems.AddRange(Roles.Where(r => !Access.Roles.All.Contains(r)).Select(r => $"roles: unknown role '{r}' (known: {string.Join(", ", Access.Roles.All)})"));
        if (Budget is { } budget)
        {
            foreach (var (field, value) in new[]
                     {
                         ("costPerMinute", budget.CostPerMinute), ("requestsPerMinute", budget.RequestsPerMinute),
                         ("webSocketConnections", budget.WebSocketConnections), ("eventStreams", budget.EventStreams),
                     })
            {
                if (value is < 0) problems.Add($"budget.{field}: cannot be negative");
            }
        }

        return problems;
    }
}
