using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Telemetry;

/// <summary>
/// ops/grafana's "Results night" dashboard: it parses, every panel asks something, every metric (and label) its PromQL
/// names is one the API really serves, and Grafana's provisioning, as docker-compose.yml mounts it, finds the dashboard
/// and the datasource the panels name.
/// </summary>
[Collection(MeasuresAlone.Name)]
public sealed class DashboardTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public void The_dashboard_parses_and_every_panel_has_a_query()
    {
        var dashboard = ResultsNight.Dashboard();

        Assert.Equal("results-night", dashboard.GetProperty("uid").GetString());
        Assert.Equal("Results night", dashboard.GetProperty("title").GetString());
        var panels = dashboard.GetProperty("panels").EnumerateArray().ToList();
        Assert.NotEmpty(panels);
        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString();
            Assert.True(panel.TryGetProperty("targets", out var targets) && targets.GetArrayLength() > 0, $"The panel \"{title}\" has no target.");
            Assert.All(targets.EnumerateArray(), target => Assert.False(string.IsNullOrWhiteSpace(target.GetProperty("expr").GetString()), $"A target of \"{title}\" has no expression."));
        }
    }

    [Fact]
    public async Task Every_metric_and_label_a_panel_asks_for_is_in_a_real_scrape_of_the_API()
    {
        var expressions = ResultsNight.Expressions();
        var wanted = expressions.ToDictionary(e => e, e => ResultsNight.MetricNames(e.Expr));
        Assert.All(wanted, e => Assert.True(e.Value.Count > 0, $"\"{e.Key.Panel}\" names no metric of the API's: {e.Key.Expr}"));

        // Cause each metric: a query, a refused query, a subscription over a WebSocket, a webhook (refused once), a
        // declaration and its deliveries.
        using var api = ApiFactory.OnPollingDay(_data, Webhooks.PartnerWebhooks.Settings);
        await using var receiver = await WebhookReceiver.StartAsync(number => number == 1 ? 503 : 200);
        await (await Webhooks.PartnerWebhooks.IssueAsync(api)).CreateAsync(receiver.Url, $$"""subscription { councilResultDeclared(electionId: "{{Seed.Election}}") { id } }""", new { });
        await using var socket = await GraphQLSocket.ReadyAsync(api);
        await socket.SubscribedAsync("s", Subscribed.Declarations);
        await api.QueryAsync("{ councils(first: 1) { totalCount } }");
        using (var stranger = api.CreateClient())
        {
            stranger.DefaultRequestHeaders.Add("X-Api-Key", "no-such-key");
            using var refused = await stranger.PostAsJsonAsync("/graphql", new { query = "{ councils(first: 1) { totalCount } }" });
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var declared = await new ResultsDesk(api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(ResultsDesk.Declarable[0], "d-1") });
        Assert.False(declared.TryGetProperty("errors", out var errors), errors.ToString());
        await socket.ReceiveAsync();

        // What a connection's writer or the HTTP host records after the client has its answer lands a moment later.
        var names = wanted.Values.SelectMany(n => n).ToHashSet();
        using var client = api.CreateClient();
        var scrape = "";
        await Eventually.HoldsAsync(async () =>
        {
            scrape = await client.GetStringAsync("/metrics");
            return names.All(name => Scraped.Has(scrape, name));
        }, "every metric the dashboard names in the scrape", () => "no " + string.Join(", ", names.Where(name => !Scraped.Has(scrape, name))) + " in:\n" + scrape);

        foreach (var ((panel, expr), metrics) in wanted)
        {
            Assert.All(metrics, metric => Assert.True(Scraped.Has(scrape, metric), $"\"{panel}\" asks for {metric}, which the API does not serve: {expr}"));
            foreach (var label in ResultsNight.LabelNames(expr))
            {
                Assert.True(metrics.Any(metric => Scraped.HasLabel(scrape, metric, label)),
                    $"\"{panel}\" uses the label {label}, which no series of {string.Join(", ", metrics)} has: {expr}");
            }
        }
    }

    [Fact]
    public void Grafana_provisioning_finds_the_dashboards_folder_and_the_datasource_the_panels_name()
    {
        var dashboard = ResultsNight.Dashboard();
        var compose = File.ReadAllText(Repo.File("docker-compose.yml"));
        var datasources = File.ReadAllText(Repo.File("ops/grafana/provisioning/datasources/prometheus.yml"));
        var providers = File.ReadAllText(Repo.File("ops/grafana/provisioning/dashboards/dashboards.yml"));

        // Every panel and every target names the one provisioned Prometheus, by uid.
        var named = dashboard.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray().Select(target => target.GetProperty("datasource")).Append(panel.GetProperty("datasource")))
            .Select(source => (Type: source.GetProperty("type").GetString(), Uid: source.GetProperty("uid").GetString()))
            .Distinct().ToList();
        var (type, uid) = Assert.Single(named);
        Assert.Equal("prometheus", type);
        Assert.Equal(uid, Yaml(datasources, "uid"));
        Assert.Equal("prometheus", Yaml(datasources, "type"));
        Assert.Equal("http://prometheus:9090", Yaml(datasources, "url"));
        Assert.Matches(@"(?m)^  prometheus:\s*$", compose); // the service that URL names

        // The provider reads the folder compose mounts ops/grafana/dashboards at, and the home dashboard is this one there.
        var folder = Yaml(providers, "path");
        Assert.Contains($"- ./ops/grafana/dashboards:{folder}:ro", compose);
        Assert.Contains("- ./ops/grafana/provisioning:/etc/grafana/provisioning:ro", compose);
        Assert.Contains($"GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH: {folder}/{Path.GetFileName(ResultsNight.File)}", compose);
    }

    /// <summary>The one value of a key in a small provisioning file.</summary>
    private static string Yaml(string text, string key) =>
        Assert.Single(Regex.Matches(text, $@"(?m)^\s*-?\s*{key}:\s*(\S+)\s*$")).Groups[1].Value.Trim('"');

    public void Dispose() => _data.Dispose();
}

/// <summary>
/// Tests that run apart from every other test: OpenTelemetry's meter provider takes every meter named ElectionGraph in
/// the process, so each in-process API's /metrics also counts what the others measure at the same time. Apart, a
/// declaration and a subscription here do not turn MetricsTests' exact counts of one into two, and what Prometheus
/// counts is what its own test sent.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuresAlone
{
    public const string Name = "Measures alone";
}

/// <summary>ops/grafana/dashboards/results-night.json and the names its PromQL asks for.</summary>
public static partial class ResultsNight
{
    public static string File { get; } = Repo.File("ops/grafana/dashboards/results-night.json");

    public static JsonElement Dashboard() => JsonDocument.Parse(System.IO.File.ReadAllText(File)).RootElement;

    /// <summary>Every target's PromQL, with the panel it belongs to.</summary>
    public static IReadOnlyList<(string Panel, string Expr)> Expressions() =>
        Dashboard().GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray()
                .Select(target => (panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!)))
            .ToList();

    /// <summary>
    /// The metrics an expression selects: identifiers of the API's, ASP.NET Core's and the runtime's families, outside
    /// label matchers, grouping clauses and strings (where label names such as <c>electiongraph_outcome</c> stand).
    /// </summary>
    public static IReadOnlyList<string> MetricNames(string expr) =>
        Metric().Matches(Grouping().Replace(Matchers().Replace(Strings().Replace(expr, "\"\""), "{}"), "()")).Select(m => m.Value).Distinct().ToList();

    /// <summary>The labels an expression matches on or groups by.</summary>
    public static IReadOnlyList<string> LabelNames(string expr)
    {
        var text = Strings().Replace(expr, "\"\"");
        var matched = Matchers().Matches(text).SelectMany(m => MatchedLabel().Matches(m.Value).Select(l => l.Groups[1].Value));
        var grouped = Grouping().Matches(text).SelectMany(g => g.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return matched.Concat(grouped).Distinct().ToList();
    }

    [GeneratedRegex(@"\b(?:electiongraph_|http_server_|dotnet_)[A-Za-z0-9_]*")]
    private static partial Regex Metric();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex Strings();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)\s*(?:=~|!~|!=|=)")]
    private static partial Regex MatchedLabel();
}

/// <summary>What a Prometheus text scrape serves: metric families by their <c># TYPE</c> lines, and the labels of their series.</summary>
public static class Scraped
{
    private static readonly string[] HistogramSeries = ["_bucket", "_count", "_sum"];

    /// <summary>Whether the scrape has the metric: a family by that name, or a histogram's bucket, count or sum series.</summary>
    public static bool Has(string scrape, string metric) =>
        Type(scrape, metric) is not null
        || HistogramSeries.Any(suffix => metric.EndsWith(suffix, StringComparison.Ordinal) && Type(scrape, metric[..^suffix.Length]) == "histogram");

    /// <summary>Whether some series of the metric carries the label.</summary>
    public static bool HasLabel(string scrape, string metric, string label) =>
        Regex.IsMatch(scrape, $@"(?m)^{Regex.Escape(metric)}(?:_bucket|_count|_sum)?\{{(?:[^}}]*,)?{Regex.Escape(label)}=""");

    private static string? Type(string scrape, string family) =>
        Regex.Match(scrape, $@"(?m)^# TYPE {Regex.Escape(family)} (\S+)$") is { Success: true } type ? type.Groups[1].Value : null;
}
