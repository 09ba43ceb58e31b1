namespace ElectionGraph.Tests.Support;

/// <summary>A fresh folder under the system temp folder, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("electiongraph-").FullName;

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a child process may still be letting go; temp is cleaned eventually */ }
    }
}
