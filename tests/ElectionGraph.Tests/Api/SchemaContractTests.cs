using ElectionGraph.Api.Commands;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Api;

public class SchemaContractTests
{
    [Fact]
    public void The_published_schema_is_the_servers_schema()
    {
        var published = File.ReadAllText(Repo.File("schema/schema.graphql")).ReplaceLineEndings("\n");

        Assert.True(published == SchemaCommand.Sdl(),
            "schema/schema.graphql differs from the server: review the change, then run " +
            "`dotnet run --project src/ElectionGraph.Api -- schema > schema/schema.graphql`.");
    }
}
