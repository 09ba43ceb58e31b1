using System.Text.Json;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Transport;

/// <summary>The graphql-http package's server audits (GraphQL over HTTP conformance), run with Node against the API on 127.0.0.1.</summary>
public class AuditTests(LiveApi live) : IClassFixture<LiveApi>
{
    [Fact]
    public async Task Every_graphql_http_audit_passes_without_warnings()
    {
        var lines = (await Node.ScriptAsync("audit.mjs", TimeSpan.FromMinutes(2), live.Endpoint.ToString()))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();

        var summary = lines.Last().GetProperty("summary");
        var problems = lines.Where(l => l.TryGetProperty("status", out var status) && status.GetString() != "ok").Select(l => l.GetRawText());
        Assert.True(
            (summary.GetProperty("passed").GetInt32(), summary.GetProperty("warnings").GetInt32(), summary.GetProperty("failed").GetInt32()) == (61, 0, 0),
            $"graphql-http audits: {summary}\n{string.Join("\n", problems)}");
    }
}
