using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Telemetry;

/// <summary>
/// A real Prometheus (Debian's 2.42, as CI installs it) scraping the API on a real Kestrel port on 127.0.0.1, as the
/// one in docker-compose.yml scrapes the API's container: what the API counts arrives, in Prometheus's own format
/// negotiation, and the dashboard's PromQL runs on it.
/// </summary>
[Collection(MeasuresAlone.Name)]
public sealed class PrometheusTests
{
    private const string Binary = "/usr/bin/prometheus";
    private const int Queries = 3;
    private const string Sent = """sum(electiongraph_operation_duration_seconds_count{graphql_operation_type="query"})""";

    [SkippableFact]
    public async Task Prometheus_scraping_the_API_counts_every_query_sent_and_runs_every_expression_of_the_dashboard()
    {
        Skip.IfNot(File.Exists(Binary), $"{Binary} is not installed: `apt-get update && apt-get install -y prometheus` (Debian's 2.42; .ci/run installs it when missing).");
        using var live = new LiveApi();
        using var folder = new TempDirectory();
        await using var prometheus = await PrometheusServer.StartAsync(folder, live.Endpoint);

        using var http = new HttpClient();
        for (var i = 0; i < Queries; i++)
        {
            using var response = await http.PostAsJsonAsync(live.Endpoint, new { query = "{ councils(first: 1) { totalCount } }" });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.StatusCode == HttpStatusCode.OK && !body.TryGetProperty("errors", out _), body.ToString());
        }

        double? counted = null;
        await Eventually.HoldsAsync(async () => (counted = await prometheus.ValueAsync(Sent)) >= Queries,
            $"Prometheus to answer {Sent} with at least {Queries}", () => $"{counted?.ToString(CultureInfo.InvariantCulture) ?? "no value"}; Prometheus said:\n{prometheus.Output}");
        Assert.True(counted >= Queries, $"{Sent} = {counted}");

        // Grafana puts its own interval in the place of $__rate_interval; anything Prometheus refuses would be an empty panel.
        foreach (var (panel, expr) in ResultsNight.Expressions())
        {
            var (status, answer) = await prometheus.QueryAsync(expr.Replace("$__rate_interval", "1m", StringComparison.Ordinal));
            Assert.True(status == HttpStatusCode.OK && answer.GetProperty("status").GetString() == "success", $"Prometheus refused \"{panel}\": {expr}\n{answer}");
        }
    }
}

/// <summary>Prometheus on 127.0.0.1 (a free port), its configuration and data in a test's folder, scraping one API every second; disposing it kills it.</summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _http;

    private PrometheusServer(Process process, Uri address)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = address };
    }

    /// <summary>What Prometheus logged, for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts Prometheus scraping the API's /metrics and waits until it is ready (<c>/-/ready</c> answers 200).</summary>
    public static async Task<PrometheusServer> StartAsync(TempDirectory folder, Uri api)
    {
        var config = folder["prometheus.yml"];
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: electiongraph-api
                metrics_path: /metrics
                static_configs:
                  - targets: ["{api.Authority}"]
            """);
        var address = new Uri($"http://127.0.0.1:{Ports.Free()}/");
        var start = new ProcessStartInfo("/usr/bin/prometheus")
        {
            ArgumentList =
            {
                $"--config.file={config}",
                $"--storage.tsdb.path={folder["data"]}",
                $"--web.listen-address={address.Authority}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var server = new PrometheusServer(Process.Start(start)!, address);
        server._process.OutputDataReceived += (_, line) => server.Write(line.Data);
        server._process.ErrorDataReceived += (_, line) => server.Write(line.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                if (server._process.HasExited) throw new InvalidOperationException($"Prometheus exited ({server._process.ExitCode}) before it was ready:\n{server.Output}");
                try
                {
                    using var ready = await server._http.GetAsync("/-/ready");
                    return ready.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false; // not listening yet
                }
            }, "Prometheus ready", () => server.Output);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>An instant query through the HTTP API: the status and Prometheus's answer (<c>status</c>, <c>data</c> or <c>error</c>).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Answer)> QueryAsync(string promql)
    {
        using var response = await _http.GetAsync($"/api/v1/query?query={Uri.EscapeDataString(promql)}");
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>The value of a query that answers one series, or null while it answers none (nothing scraped yet).</summary>
    public async Task<double?> ValueAsync(string promql)
    {
        var (status, answer) = await QueryAsync(promql);
        if (status != HttpStatusCode.OK) throw new InvalidOperationException($"Prometheus answered {status} to {promql}: {answer}");
        return answer.GetProperty("data").GetProperty("result") is { ValueKind: JsonValueKind.Array } result && result.GetArrayLength() == 1
            ? double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)
            : null;
    }

    private void Write(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
