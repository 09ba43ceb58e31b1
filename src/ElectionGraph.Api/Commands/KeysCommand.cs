using System.Globalization;
using ElectionGraph.Api.Access;
using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Access;
using ElectionGraph.Storage;

namespace ElectionGraph.Api.Commands;

/// <summary>
/// <c>keys create|list|revoke</c>: API keys, on the store the API is configured with. The embedded store is
/// one process's, so with it this runs while the API is stopped (while it runs, use the admin mutations).
/// </summary>
public static class KeysCommand
{
    public const string Usage = """
        Usage:
          keys create --name <name> --role <partner|results-desk|admin> [--role …] [--contact <contact>] [--test]
                      [--cost-per-minute <n>] [--requests-per-minute <n>] [--websocket-connections <n>] [--event-streams <n>]
          keys list
          keys revoke <id>
        Settings as for the API, e.g. --ElectionGraph:DataDirectory=data.
        """;

    private static readonly string[] Valued =
        ["name", "contact", "role", "cost-per-minute", "requests-per-minute", "websocket-connections", "event-streams"];

    /// <param name="output">Where the key (once) and the list go.</param>
    /// <param name="messages">Everything else.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter messages)
    {
        var (verb, id, rest) = args switch
        {
            ["create" or "list", .. var more] => (args[0], null, more),
            ["revoke", var key, .. var more] when !key.StartsWith("--", StringComparison.Ordinal) => (args[0], key, more),
            _ => (null, null, []),
        };
        if (verb is null)
        {
            await messages.WriteLineAsync(Usage);
            return 64;
        }

        var (values, test, settings) = Parse(rest);
        var configuration = CommandSettings.Read(settings);
        try
        {
            await using var store = StorageServices.Open(configuration.Store());
            var registry = new ApiKeyRegistry(store, TimeProvider.System);
            switch (verb)
            {
                case "create":
                    var rehearsal = configuration.GetSection("ElectionGraph").Get<RehearsalOptions>()?.Rehearsal == true;
                    var created = await registry.CreateAsync(Grant(values), test || rehearsal, CancellationToken.None);
                    await output.WriteLineAsync(created.Secret);
                    await messages.WriteLineAsync($"Created {Describe(created.ApiKey)}. The key is shown this once: only its hash is kept.");
                    break;
                case "list":
                    await output.WriteAsync(Table(await registry.ListAsync(CancellationToken.None)));
                    break;
                default:
                    await messages.WriteLineAsync($"Revoked {Describe(await registry.RevokeAsync(id!, CancellationToken.None))}.");
                    break;
            }

            return 0;
        }
        catch (Exception e) when (e is KeyError or FormatException)
        {
            await messages.WriteLineAsync(e.Message);
            return 1;
        }
        catch (StoreUnavailableException e)
        {
            await messages.WriteLineAsync(e.Message);
            return 2;
        }
    }

    /// <summary>This command's options, the flag <c>--test</c>, and the rest: settings.</summary>
    private static (ILookup<string, string> Values, bool Test, List<string> Settings) Parse(IEnumerable<string> args)
    {
        var values = new List<(string Name, string Value)>();
        var settings = new List<string>();
        var test = false;
        using var arg = args.GetEnumerator();
        while (arg.MoveNext())
        {
            var name = arg.Current.StartsWith("--", StringComparison.Ordinal) ? arg.Current[2..] : null;
            if (name == "test") test = true;
            else if (name is not null && Valued.Contains(name) && arg.MoveNext()) values.Add((name, arg.Current));
            else settings.Add(arg.Current);
        }

        return (values.ToLookup(v => v.Name, v => v.Value), test, settings);
    }

    private static ApiKeyGrant Grant(ILookup<string, string> values)
    {
        int? Number(string name) => values[name].LastOrDefault() is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"--{name}: '{text}' is not a whole number.")
            : null;
        var budget = new ApiKeyBudget(Number("cost-per-minute"), Number("requests-per-minute"), Number("websocket-connections"), Number("event-streams"));
        return new ApiKeyGrant(values["name"].LastOrDefault() ?? "", values["contact"].LastOrDefault(), [.. values["role"]],
            budget == new ApiKeyBudget(null, null, null, null) ? null : budget);
    }

    private static string Describe(ApiKey key) => $"{key.Id} \"{key.Name}\" ({string.Join(", ", key.Roles)}, {key.Prefix}…)";

    /// <summary>Never the key: what identifies it, and its state.</summary>
    private static string Table(IReadOnlyList<ApiKey> keys)
    {
        static string Time(DateTime? at) => at?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
        string[][] rows =
        [
            ["ID", "NAME", "ROLES", "PREFIX", "CREATED", "LAST USED", "REVOKED"],
            .. keys.Select(k => new[] { k.Id, k.Name, string.Join(",", k.Roles), k.Prefix + "…", Time(k.CreatedAt), Time(k.LastUsedAt), Time(k.RevokedAt) }),
        ];
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        return string.Concat(rows.Select(r => string.Join("  ", r.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd() + "\n"));
    }
}
