namespace ElectionGraph.Api.Subscriptions;

public static class SubscriptionServices
{
    public static IServiceCollection AddElectionGraphSubscriptions(this IServiceCollection services, IConfiguration configuration) =>
        services
            .Configure<SubscriptionOptions>(configuration.GetSection(SubscriptionOptions.Section))
            .AddSingleton<ResultFeed>()
            .AddHostedService(sp => sp.GetRequiredService<ResultFeed>())
            .AddSingleton<SubscriptionHub>()
            .AddSingleton<EventStream>();
}
