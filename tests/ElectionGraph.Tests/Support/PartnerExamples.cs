using System.Text.RegularExpressions;

namespace ElectionGraph.Tests.Support;

/// <summary>The partner examples of schema/examples: queries, which run over HTTP, and subscriptions, which need a stream.</summary>
public static partial class PartnerExamples
{
    public static readonly string Folder = Repo.File("schema/examples");

    /// <summary>Every example's file name, in ordinal order.</summary>
    public static IReadOnlyList<string> All =>
        Directory.GetFiles(Folder, "*.graphql").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> Queries => All.Where(f => !Subscription().IsMatch(Text(f))).ToList();

    public static IReadOnlyList<string> Subscriptions => All.Where(f => Subscription().IsMatch(Text(f))).ToList();

    public static string Text(string file) => File.ReadAllText(Path.Combine(Folder, file));

    [GeneratedRegex(@"^subscription \w+", RegexOptions.Multiline)]
    private static partial Regex Subscription();
}
