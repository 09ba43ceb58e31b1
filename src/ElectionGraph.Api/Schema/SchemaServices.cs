using System.Text.Encodings.Web;
using ElectionGraph.Api.Conventions.Loading;
using ElectionGraph.Api.Transport;
using GraphQL;
using GraphQL.DI;

namespace ElectionGraph.Api.Schema;

public static class SchemaServices
{
    public static IServiceCollection AddElectionGraphSchema(this IServiceCollection services) =>
        services
            .AddScoped<Loaders>()
            .AddSingleton<DocumentCache>()
            .AddSingleton<IConfigureExecution>(sp => sp.GetRequiredService<DocumentCache>())
            .AddGraphQL(graphQL => graphQL
                .AddSchema<ElectionGraphSchema>()
                .AddErrorInfoProvider<CodedErrorInfoProvider>()
                .AddGraphTypes(typeof(ElectionGraphSchema).Assembly)
                .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
                .UseTelemetry());
}
