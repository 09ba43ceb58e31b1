using System.Diagnostics;

namespace ElectionGraph.Tests.Support;

/// <summary>
/// Test tools written by others, run with Node from tests/interop. Their packages are installed once per
/// test run (npm ci, from the lock file), so a fresh clone needs nothing but Node and npm.
/// </summary>
public static class Node
{
    private static readonly string Folder = Repo.File("tests/interop");
    private static readonly Lazy<Task> Installed = new(() => RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5)));

    /// <summary>Runs a script of tests/interop and returns what it printed; fails with its output if it fails.</summary>
    public static async Task<string> ScriptAsync(string script, TimeSpan timeout, params string[] arguments)
    {
        await Installed.Value;
        return await RunAsync("node", [script, .. arguments], timeout);
    }

    private static async Task<string> RunAsync(string program, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {timeout}:\n{await output}\n{await errors}");
        }

        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await errors}");
    }
}
