using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Api;

public class RestartTests
{
    private const string Everything = """
        {
          elections { totalCount nodes { id version updatedAt } }
          parties(first: 500) { totalCount nodes { code version updatedAt } }
          councils(first: 500) { totalCount nodes { code version updatedAt } }
          councilResults(electionId: "local.2019-05-02", first: 500) { totalCount nodes { id version updatedAt } }
          mayoralties(electionId: "local.2019-05-02") { totalCount nodes { id version updatedAt } }
        }
        """;

    [Fact]
    public async Task A_restart_neither_reimports_nor_duplicates()
    {
        using var data = new TempDirectory();
        string first, second;
        using (var api = new ApiFactory(data.Path)) first = (await api.QueryAsync(Everything)).GetRawText();
        using (var api = new ApiFactory(data.Path)) second = (await api.QueryAsync(Everything)).GetRawText();

        Assert.Equal(first, second);
        Assert.Contains("\"version\":1", first);
        Assert.DoesNotContain("\"version\":2", first);
    }
}
