using ElectionGraph.Storage.Seeding;

namespace ElectionGraph.Tests.Support;

/// <summary>The shipped seed read once, as the independent oracle for what the API answers.</summary>
public static class Seed
{
    public const string Election = "local.2019-05-02";

    private static readonly Lazy<SeedData> Data = new(() => SeedReader.Read(Repo.Seed));

    public static SeedData Documents => Data.Value;
}
