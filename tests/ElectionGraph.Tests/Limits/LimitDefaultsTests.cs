using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Schema;
using ElectionGraph.Tests.Support;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Tests.Limits;

/// <summary>The default limits leave partners' operations plenty of room: every example passes each of them at a quarter of its value.</summary>
public class LimitDefaultsTests
{
    private static readonly LimitsOptions Defaults = new();

    private static readonly LimitsOptions Quartered = new()
    {
        MaxDocumentBytes = Defaults.MaxDocumentBytes / 4,
        MaxTokens = Defaults.MaxTokens / 4,
        MaxNesting = Defaults.MaxNesting / 4,
        MaxDepth = Defaults.MaxDepth / 4,
        MaxSelections = Defaults.MaxSelections / 4,
        MaxAliases = Defaults.MaxAliases / 4,
        MaxDirectives = Defaults.MaxDirectives / 4,
        MaxOperationCost = Defaults.MaxOperationCost / 4,
    };

    public static TheoryData<string> Examples => new(Directory.GetFiles(Repo.File("schema/examples"), "*.graphql").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_passes_every_limit_at_a_quarter_of_its_default(string example)
    {
        using var services = new ServiceCollection().AddElectionGraphSchema().BuildServiceProvider();
        var analyser = new OperationAnalyser(services.GetRequiredService<ISchema>(), Options.Create(Quartered));

        var parsed = DocumentParser.Parse(File.ReadAllText(Repo.File($"schema/examples/{example}")), Quartered);

        Assert.Null(parsed.Error);
        Assert.Empty(analyser.Analyse(parsed.Document!, null, null).Refusals);
    }
}
