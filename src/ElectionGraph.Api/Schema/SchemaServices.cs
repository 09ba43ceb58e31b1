using System.Text.Encodings.Web;
using ElectionGraph.Api.Conventions.Loading;
using GraphQL;

namespace ElectionGraph.Api.Schema;

public static class SchemaServices
{
    public static IServiceCollection AddElectionGraphSchema(this IServiceCollection services) =>
        services
            .AddScoped<Loaders>()
            .AddGraphQL(graphQL => graphQL
            .AddSchema<ElectionGraphSchema>()
            .AddGraphTypes(typeof(ElectionGraphSchema).Assembly)
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .UseTelemetry());
}
