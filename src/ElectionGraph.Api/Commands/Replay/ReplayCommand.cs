using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ElectionGraph.Storage.Seeding;

namespace ElectionGraph.Api.Commands.Replay;

/// <summary>
/// <c>replay --url … --key … [--speed 60] [--election local.2019-05-02] [--seed folder]</c>: declares an
/// election's results through the public mutation, in the night's order (<see cref="ReplayPlan"/>), at
/// <c>speed</c> times real time (0: as fast as the server answers). For demos, rehearsals and load tests:
/// every declaration is a real change that subscribers see. Declaration ids are stable, so running it again
/// changes nothing.
/// </summary>
public static class ReplayCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args);
        if (options.GetValueOrDefault("url") is not { } url || options.GetValueOrDefault("key") is not { } key)
        {
            Console.Error.WriteLine("Usage: replay --url http://127.0.0.1:5000/graphql --key <results desk key> [--speed 60] [--election local.2019-05-02] [--seed <folder>]");
            return 64;
        }

        var speed = double.Parse(options.GetValueOrDefault("speed") ?? "60", CultureInfo.InvariantCulture);
        var election = options.GetValueOrDefault("election") ?? "local.2019-05-02";
        var steps = ReplayPlan.For(SeedReader.Read(options.GetValueOrDefault("seed") ?? Path.Combine(AppContext.BaseDirectory, "seed")), election);
        Console.Error.WriteLine($"Replaying {steps.Count} declarations of {election} at {(speed > 0 ? $"{speed}x" : "full speed")}.");

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var refused = new List<string>();
        var clock = Stopwatch.StartNew();
        using (var bar = new ProgressBar("Declaring", steps.Count))
        {
            foreach (var (step, done) in steps.Select((s, i) => (s, i + 1)))
            {
                if (speed > 0)
                {
                    var due = (step.DeclaredAt - steps[0].DeclaredAt) / speed - clock.Elapsed;
                    if (due > TimeSpan.Zero) await Task.Delay(due);
                }

                using var response = await http.PostAsJsonAsync("", new { query = step.Mutation, variables = new { input = step.Input } });
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (body.TryGetProperty("errors", out var errors)) refused.Add($"{step.Label}: {errors[0].GetProperty("message").GetString()}");
                bar.Report(done);
            }
        }

        Console.Error.WriteLine($"Declared {steps.Count - refused.Count} of {steps.Count} in {clock.Elapsed:mm\\:ss}.");
        foreach (var reason in refused) Console.Error.WriteLine($"  refused: {reason}");
        return 0;
    }

    /// <summary><c>--name value</c> pairs.</summary>
    private static Dictionary<string, string> Options(string[] args) =>
        args.Chunk(2).Where(pair => pair is [var name, _] && name.StartsWith("--")).ToDictionary(pair => pair[0][2..], pair => pair[1]);
}
