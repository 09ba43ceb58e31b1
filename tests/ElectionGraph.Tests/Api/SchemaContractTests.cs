using System.Diagnostics;
using ElectionGraph.Api.Commands;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Api;

/// <summary>
/// schema/schema.graphql is the published contract: it is the server's schema, and it breaks nothing that the
/// last release published unless that was deprecated first (graphql-js's findBreakingChanges, run by
/// tests/interop/breaking.mjs).
/// </summary>
public class SchemaContractTests : IDisposable
{
    private const string Published = "schema/schema.graphql";
    private readonly TempDirectory _files = new();

    [Fact]
    public void The_published_schema_is_the_servers_schema()
    {
        var published = File.ReadAllText(Repo.File(Published)).ReplaceLineEndings("\n");

        Assert.True(published == SchemaCommand.Sdl(),
            "schema/schema.graphql differs from the server: review the change, then run " +
            "`dotnet run --project src/ElectionGraph.Api -- schema > schema/schema.graphql`.");
    }

    [SkippableFact]
    public async Task The_published_schema_breaks_nothing_the_last_release_published_without_a_deprecation_first()
    {
        var (release, sdl) = LastRelease();
        Skip.If(sdl is null, $"No earlier schema to compare with ({release}).");

        var report = await CompareAsync(sdl, File.ReadAllText(Repo.File(Published)));

        Assert.True(report.Passed, $"schema/schema.graphql breaks the schema of {release}:\n{report.Output}");
    }

    [Fact]
    public async Task A_field_removed_without_being_deprecated_first_is_a_breaking_change()
    {
        var current = File.ReadAllText(Repo.File(Published));
        var broken = current.Replace("  code: ID!\n  name: String!\n  type: CouncilType!", "  code: ID!\n  type: CouncilType!");
        Assert.NotEqual(current, broken);

        var report = await CompareAsync(current, broken);

        Assert.False(report.Passed);
        Assert.Contains("Council.name was removed.", report.Output);
        Assert.Contains("\"breaking\":1", report.Output);
    }

    [Fact]
    public async Task A_field_deprecated_in_the_last_release_may_be_removed()
    {
        var current = File.ReadAllText(Repo.File(Published));
        var deprecated = current.Replace("  code: ID!\n  name: String!\n  type: CouncilType!", "  code: ID!\n  name: String! @deprecated(reason: \"Use code.\")\n  type: CouncilType!");
        var removed = current.Replace("  code: ID!\n  name: String!\n  type: CouncilType!", "  code: ID!\n  type: CouncilType!");

        var report = await CompareAsync(deprecated, removed);

        Assert.True(report.Passed, report.Output);
        Assert.Contains("\"allowed\":1", report.Output);
    }

    private async Task<(bool Passed, string Output)> CompareAsync(string older, string newer)
    {
        var (olderFile, newerFile) = (_files["older.graphql"], _files["newer.graphql"]);
        await File.WriteAllTextAsync(olderFile, older);
        await File.WriteAllTextAsync(newerFile, newer);
        try
        {
            return (true, await Node.ScriptAsync("breaking.mjs", Eventually.Limit, olderFile, newerFile));
        }
        catch (InvalidOperationException e) when (e.Message.Contains("exited with 1"))
        {
            return (false, e.Message);
        }
    }

    /// <summary>
    /// The schema of the last release: the newest <c>schema-release-*</c> tag; without one, the last commit when the
    /// schema has changed since, else the commit before it (the previous commit on main).
    /// </summary>
    private static (string Release, string? Sdl) LastRelease()
    {
        var tag = Git("describe", "--tags", "--abbrev=0", "--match", "schema-release-*")?.Trim();
        var changed = Git("diff", "--quiet", "HEAD", "--", Published) is null;
        var release = tag ?? (changed ? "HEAD" : "HEAD~1");
        return (release, Git("show", $"{release}:{Published}"));
    }

    /// <returns>What git printed; null when it failed (no repository, no such commit, a shallow clone).</returns>
    private static string? Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Repo.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return git.ExitCode == 0 ? output : null;
    }

    public void Dispose() => _files.Dispose();
}
