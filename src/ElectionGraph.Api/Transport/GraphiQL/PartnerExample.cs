namespace ElectionGraph.Api.Transport.GraphiQL;

/// <summary>One of the partner examples of schema/examples, as GraphiQL offers it.</summary>
/// <param name="Name">The file's name without <c>.graphql</c>.</param>
/// <param name="Description">Its leading <c>#</c> comment.</param>
/// <param name="Query">The whole file.</param>
public sealed record PartnerExample(string Name, string Description, string Query)
{
    /// <summary>The examples copied beside the binaries by the build (examples/), by name.</summary>
    public static IReadOnlyList<PartnerExample> Shipped() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.graphql")
            .Order(StringComparer.Ordinal)
            .Select(Read)
            .ToList();

    private static PartnerExample Read(string file)
    {
        var query = File.ReadAllText(file).ReplaceLineEndings("\n");
        var comment = query.Split('\n').TakeWhile(line => line.StartsWith('#')).Select(line => line.TrimStart('#').Trim());
        return new PartnerExample(Path.GetFileNameWithoutExtension(file), string.Join(' ', comment), query);
    }
}
