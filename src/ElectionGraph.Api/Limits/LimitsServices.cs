using GraphQL.DI;

namespace ElectionGraph.Api.Limits;

public static class LimitsServices
{
    /// <summary>The limits on every operation. A rate limiter registers its own <see cref="ICostBudget"/> after this one.</summary>
    public static IServiceCollection AddOperationLimits(this IServiceCollection services, IConfiguration? configuration) =>
        services
            .Configure<LimitsOptions>(options => configuration?.GetSection(LimitsOptions.Section).Bind(options))
            .AddSingleton<OperationAnalyser>()
            .AddSingleton<BoundedSerializer>()
            .AddSingleton<ICostBudget, Unlimited>()
            .AddSingleton<IConfigureExecution, OperationLimits>()
            .AddSingleton<IConfigureExecution, OperationDeadline>();
}
