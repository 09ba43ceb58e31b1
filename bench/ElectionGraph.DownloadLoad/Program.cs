using System.Diagnostics;
using System.Globalization;
using ElectionGraph.Domain;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Elections;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;

// The download benchmark (issue 10): the API as its own process on 127.0.0.1 over an embedded store of generated
// council results (three elections of 1,000, 10,000 and 100,000 results, five seat rows each), downloading each
// election's councilResults as CSV and as JSON Lines through the real HTTP path. For each download it reports
// the server's resident memory before and its peak during the download (VmHWM, reset before each download
// through /proc/<pid>/clear_refs), the bytes and the throughput. Streaming holds one page (500 rows) at a
// time, so the peak should not grow with the row count.
// Usage: dotnet run -c Release --project bench/ElectionGraph.DownloadLoad -- [--runs 3]
var runs = args is ["--runs", var count] ? int.Parse(count, CultureInfo.InvariantCulture) : 3;
int[] sizes = [1_000, 10_000, 100_000];

var data = Directory.CreateTempSubdirectory("electiongraph-downloads-");
try
{
    await using (var store = EmbeddedStore.Open(data.FullName))
    {
        var summary = await store.ImportAsync([.. sizes.SelectMany(Generated)]);
        Console.WriteLine($"Generated {summary.Inserted:N0} documents ({sizes.Sum():N0} council results).");
    }

    // Workstation GC with a fixed 16 MB allocation budget between collections (inherited by the API's process), so
    // resident memory follows what the server holds rather than how far the server GC lets garbage pile up.
    Environment.SetEnvironmentVariable("DOTNET_gcServer", "0");
    Environment.SetEnvironmentVariable("DOTNET_GCgen0size", "0x1000000");
    await using var api = await ApiProcess.StartAsync(data.FullName, Unbudgeted.Settings);
    using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
    await DownloadAsync(http, Url(api, sizes[0], "csv")); // warm-up: JIT, the query template, the columns

    Console.WriteLine("| rows | format | MB | seconds | rows/s | MB/s | server memory before | peak during | peak − before |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
    foreach (var size in sizes)
    foreach (var format in new[] { "csv", "jsonl" })
    {
        var samples = new List<(long Bytes, long Rows, TimeSpan Time, long Before, long Peak)>();
        for (var run = 0; run < runs; run++)
        {
            var before = ResetPeak(api.ProcessId);
            var (bytes, rows, time) = await DownloadAsync(http, Url(api, size, format));
            samples.Add((bytes, rows, time, before, Status(api.ProcessId, "VmHWM")));
            if (rows != size) throw new InvalidOperationException($"{size} {format}: {rows} rows downloaded.");
        }

        var median = samples.OrderBy(s => s.Time).ElementAt(samples.Count / 2);
        var worst = samples.MaxBy(s => s.Peak - s.Before);
        Console.WriteLine($"| {size:N0} | {format} | {median.Bytes / 1e6:F1} | {median.Time.TotalSeconds:F2} | {size / median.Time.TotalSeconds:N0} | {median.Bytes / 1e6 / median.Time.TotalSeconds:F1} | {worst.Before / 1e6:F0} MB | {worst.Peak / 1e6:F0} MB | {(worst.Peak - worst.Before) / 1e6:F1} MB |");
    }
}
finally
{
    data.Delete(recursive: true);
}

static Uri Url(ApiProcess api, int size, string format) => new(api.Endpoint, $"/downloads/councilResults.{format}?electionId=bench.{size}");

// Reads the download as a client would, counting bytes and lines, keeping nothing.
static async Task<(long Bytes, long Rows, TimeSpan Time)> DownloadAsync(HttpClient http, Uri url)
{
    var clock = Stopwatch.StartNew();
    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    await using var body = await response.Content.ReadAsStreamAsync();
    var buffer = new byte[81_920];
    long bytes = 0, lines = 0;
    for (int read; (read = await body.ReadAsync(buffer)) > 0;)
    {
        bytes += read;
        lines += buffer.AsSpan(0, read).Count((byte)'\n');
    }

    var header = url.AbsolutePath.EndsWith(".csv", StringComparison.Ordinal) ? 1 : 0;
    return (bytes, lines - header, clock.Elapsed);
}

// The peak resident memory restarts from the current one (Linux: "5" to clear_refs); returns the current one.
static long ResetPeak(int pid)
{
    File.WriteAllText($"/proc/{pid}/clear_refs", "5");
    return Status(pid, "VmRSS");
}

static long Status(int pid, string field) =>
    long.Parse(File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;

// One election of `size` council results, each with five seat rows, on councils with names that sort apart.
static IEnumerable<IDocument> Generated(int size)
{
    var election = $"bench.{size}";
    yield return new Election { Id = election, Name = $"Generated, {size:N0} results", Date = new DateOnly(2030, 5, 2), Nations = [Nation.England], Status = ElectionStatus.Complete };
    string[] parties = ["CON", "LAB", "LD", "GRN", "IND"];
    for (var i = 0; i < size; i++)
    {
        var council = new CouncilSummary($"X{i:D8}", $"Council {i * 7919 % size:D6}", "Bench Region", CouncilType.District, Nation.England);
        var seats = parties.Select((party, p) => new SeatRow(party, 1 + (i + p) % 9, (i + p) % 5 - 2, ChangeBasis.PreviousElection, 1 + (i + p) % 9)).ToList();
        yield return new CouncilResult
        {
            Id = CouncilResult.IdFor(election, council.Code),
            ElectionId = election,
            Council = council,
            Cycle = Cycle.AllOut,
            SeatsUp = seats.Sum(s => s.Won),
            TotalSeats = seats.Sum(s => s.Won),
            Control = Control.Of("NOC", Control.NoOverallControl),
            Turnout = 30 + i % 40,
            Status = ResultStatus.Declared,
            Seats = seats,
            Sources = "generated for the download benchmark",
        };
    }
}
