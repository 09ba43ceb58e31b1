using ElectionGraph.Api.Limits;

namespace ElectionGraph.Api.Budgets;

public static class BudgetServices
{
    /// <summary>Each caller's budgets: cost points, requests, open connections and streams. After the operation limits, whose seam it fills.</summary>
    public static IServiceCollection AddCallerBudgets(this IServiceCollection services, IConfiguration configuration) =>
        services
            .Configure<BudgetOptions>(configuration.GetSection(BudgetOptions.Section))
            .AddSingleton<CostBudgets>()
            .AddSingleton<ICostBudget>(sp => sp.GetRequiredService<CostBudgets>())
            .AddSingleton<OpenStreams>()
            .AddRequestRates();
}
