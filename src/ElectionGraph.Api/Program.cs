using ElectionGraph.Api;
using ElectionGraph.Api.Commands;
using ElectionGraph.Api.Commands.Replay;

return args switch
{
    ["import", var directory, .. var rest] => await ImportCommand.RunAsync(directory, rest),
    ["schema"] => SchemaCommand.Run(),
    ["replay", .. var rest] => await ReplayCommand.RunAsync(rest),
    ["keys", .. var rest] => await KeysCommand.RunAsync(rest, Console.Out, Console.Error),
    _ => await RunApiAsync(args),
};

static async Task<int> RunApiAsync(string[] args)
{
    await ApiHost.Build(args).RunAsync();
    return 0;
}

/// <summary>Visible to the in-process tests (WebApplicationFactory).</summary>
public partial class Program;
