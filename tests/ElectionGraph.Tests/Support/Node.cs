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

    /// <summary>Starts a long-running script of tests/interop whose output the test reads line by line as it comes.</summary>
    public static async Task<NodeProcess> StartAsync(string script, params string[] arguments)
    {
        await Installed.Value;
        return new NodeProcess(Start("node", [script, .. arguments]));
    }

    private static Process Start(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    private static async Task<string> RunAsync(string program, string[] arguments, TimeSpan timeout)
    {
        using var process = Start(program, arguments);
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

/// <summary>A running Node script; disposing it kills it.</summary>
public sealed class NodeProcess(Process process) : IDisposable
{
    private readonly Task<string> _errors = process.StandardError.ReadToEndAsync();

    /// <summary>The script's next line of output; fails with its error output if it ends first.</summary>
    public async Task<string> ReadLineAsync()
    {
        var line = await Eventually.ArrivesAsync(cancel => process.StandardOutput.ReadLineAsync(cancel).AsTask(), "a line from the script");
        return line ?? throw new InvalidOperationException($"The script ended (exit code {(process.WaitForExit(1000) ? process.ExitCode : -1)}): {await _errors}");
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
