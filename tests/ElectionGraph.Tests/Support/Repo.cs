namespace ElectionGraph.Tests.Support;

/// <summary>Paths inside this repository (tests read the project's own files, never anything outside it).</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>The seed as built with the API (the same files a fresh install loads).</summary>
    public static string Seed => Path.Combine(AppContext.BaseDirectory, "seed");

    public static string File(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "ElectionGraph.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("The tests run outside the repository: ElectionGraph.sln not found above " + AppContext.BaseDirectory);
    }
}
