using ElectionGraph.Api.Schema;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Commands;

/// <summary><c>schema</c>: prints the server's SDL, the source of schema/schema.graphql.</summary>
public static class SchemaCommand
{
    public static int Run()
    {
        Console.Out.Write(Sdl());
        return 0;
    }

    public static string Sdl()
    {
        using var services = new ServiceCollection().AddElectionGraphSchema().BuildServiceProvider();
        return services.GetRequiredService<ISchema>().Print().ReplaceLineEndings("\n") + "\n";
    }
}
