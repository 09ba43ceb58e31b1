namespace ElectionGraph.Tests.Support;

/// <summary>A copy of the shipped seed that a test can break on purpose.</summary>
public sealed class SeedCopy : IDisposable
{
    private readonly TempDirectory _directory = new();

    public SeedCopy()
    {
        foreach (var file in Directory.GetFiles(Repo.Seed, "*.csv")) File.Copy(file, _directory[System.IO.Path.GetFileName(file)]);
    }

    public string Path => _directory.Path;

    /// <summary>Replaces one line (1-based, the header is line 1) of a seed file.</summary>
    public void ReplaceLine(string file, int line, Func<string, string> change)
    {
        var lines = File.ReadAllLines(_directory[file]);
        lines[line - 1] = change(lines[line - 1]);
        File.WriteAllLines(_directory[file], lines);
    }

    public void AppendLine(string file, string text) => File.AppendAllText(_directory[file], text + "\n");

    /// <summary>The 1-based line of the first row whose text starts with <paramref name="prefix"/>.</summary>
    public int LineOf(string file, string prefix) =>
        Array.FindIndex(File.ReadAllLines(_directory[file]), l => l.StartsWith(prefix, StringComparison.Ordinal)) + 1;

    public string[] Lines(string file) => File.ReadAllLines(_directory[file]);

    public void Dispose() => _directory.Dispose();
}
