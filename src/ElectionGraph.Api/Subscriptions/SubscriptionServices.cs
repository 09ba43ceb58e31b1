namespace ElectionGraph.Api.Subscriptions;

public static class SubscriptionServices
{
    public static IServiceCollection AddElectionGraphSubscriptions(this IServiceCollection services, IConfiguration configuration) =>
        services
            .Configure<SubscriptionOptions>(configuration.GetSection(SubscriptionOptions.Section))
            .Configure<ChangeFeedOptions>(configuration.GetSection(ChangeFeedOptions.Section))
            .AddSingleton<ChangeFeedLoop>()
            .AddSingleton<ResultFeed>()
            .AddHostedService(sp => sp.GetRequiredService<ResultFeed>())
            .AddSingleton<SubscriptionHub>()
            .AddSingleton<EventStream>();
}
