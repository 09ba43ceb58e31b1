namespace ElectionGraph.Api.Webhooks;

public static class WebhookServices
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration) =>
        services
            .Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section))
            .AddSingleton<CallbackPolicy>()
            .AddSingleton<WebhookClient>()
            .AddSingleton<WebhookRenderer>()
            .AddSingleton<WebhookRegistry>()
            .AddSingleton<WebhookSender>()
            .AddHostedService(sp => sp.GetRequiredService<WebhookSender>())
            .AddSingleton<WebhookRecorder>()
            .AddHostedService(sp => sp.GetRequiredService<WebhookRecorder>());
}
