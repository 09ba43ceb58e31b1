using ElectionGraph.Api.Subscriptions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Support;

/// <summary>
/// Waits on the server's own count of live subscriptions, for clients that cannot ask for an acknowledgement
/// (the graphql-ws client): a live subscription gets every declaration stored from then on.
/// </summary>
public static class Subscribed
{
    /// <summary>A subscription to every declaration and correction of the 2019 election: council code and version.</summary>
    public const string Declarations = """subscription { councilResultDeclared(electionId: "local.2019-05-02") { council { code } version } }""";

    public static Task LiveAsync(WebApplicationFactory<Program> api, int subscriptions = 1)
    {
        var hub = api.Services.GetRequiredService<SubscriptionHub>();
        return Eventually.HoldsAsync(() => hub.Live >= subscriptions, $"{subscriptions} live subscriptions", () => $"{hub.Live}");
    }

    /// <summary>Waits until no subscription is live or running.</summary>
    public static Task NoneAsync(WebApplicationFactory<Program> api)
    {
        var hub = api.Services.GetRequiredService<SubscriptionHub>();
        return Eventually.HoldsAsync(() => hub.Live == 0 && hub.Running == 0, "no subscription running",
            () => $"{hub.Live} live, {hub.Running} running");
    }
}
