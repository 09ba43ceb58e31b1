using ElectionGraph.Api.Conventions.Loading;
using ElectionGraph.Api.Conventions.Paging;
using ElectionGraph.Api.Execution;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Security;
using ElectionGraph.Api.Transport;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;

namespace ElectionGraph.Api.Schema;

public static class SchemaServices
{
    public static IServiceCollection AddElectionGraphSchema(this IServiceCollection services, IConfiguration? configuration = null) =>
        services
            .Configure<RehearsalOptions>(options => configuration?.GetSection("ElectionGraph").Bind(options))
            .Configure<CursorOptions>(options => configuration?.GetSection(CursorOptions.Section).Bind(options))
            .AddSingleton<Cursors>()
            .AddSingleton<IConfigureExecution, LoaderContext>()
            .AddSingleton<Rehearsal>()
            .AddSingleton<IConfigureExecution>(sp => sp.GetRequiredService<Rehearsal>())
            .AddSingleton<IConfigureExecution, UnhandledErrors>()
            .AddSingleton<DocumentCache>()
            .AddSingleton<IConfigureExecution>(sp => sp.GetRequiredService<DocumentCache>())
            .AddOperationLimits(configuration)
            .AddSingleton<AnswerSerializer>()
            .AddGraphQL(graphQL => graphQL
                .AddSchema<ElectionGraphSchema>()
                .AddErrorInfoProvider<CodedErrorInfoProvider>()
                .AddValidationRule<RequiredRoles>(useForCachedDocuments: true)
                .AddExecutionStrategy<QueryExecutionStrategy>(GraphQLParser.AST.OperationType.Query)
                .AddGraphTypes(typeof(ElectionGraphSchema).Assembly)
                .AddSerializer(sp => sp.GetRequiredService<AnswerSerializer>()));
}
