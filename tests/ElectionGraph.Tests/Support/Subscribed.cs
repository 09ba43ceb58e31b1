using ElectionGraph.Api.Subscriptions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Support;

/// <summary>Subscriptions start asynchronously after the client asks: waits until the server runs them.</summary>
public static class Subscribed
{
    /// <param name="shapes">How many distinct subscriptions must be running (0: wait until none is).</param>
    public static async Task WaitAsync(WebApplicationFactory<Program> api, int shapes = 1)
    {
        var hub = api.Services.GetRequiredService<SubscriptionHub>();
        for (var deadline = DateTime.UtcNow.AddSeconds(10); shapes == 0 ? hub.Shapes > 0 : hub.Shapes < shapes; await Task.Delay(10))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{hub.Shapes} subscriptions run after 10 s, waiting for {shapes}.");
        }
    }
}
