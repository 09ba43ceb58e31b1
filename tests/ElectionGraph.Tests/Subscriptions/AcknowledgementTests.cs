using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;
using GraphQL;
using GraphQL.DI;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Subscriptions;

/// <summary>
/// A subscription is acknowledged only once it is live — over WebSocket by the pong to a ping sent after it,
/// over SSE by the stream's headers — so a declaration stored after the acknowledgement always reaches it,
/// however slowly the subscription started.
/// </summary>
public sealed class AcknowledgementTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Over_WebSocket_the_pong_after_a_subscribe_waits_until_a_slow_subscription_is_live()
    {
        using var api = SlowToSubscribe();
        await using var socket = await GraphQLSocket.ReadyAsync(api);

        await socket.SubscribedAsync("s", Subscribed.Declarations);
        var council = await DeclareAsync(api);

        Assert.Equal(council.Council.Code, Code(await socket.ReceiveAsync()));
    }

    [Fact]
    public async Task Over_SSE_the_headers_wait_until_a_slow_subscription_is_live()
    {
        using var api = SlowToSubscribe();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = Subscribed.Declarations }), Encoding.UTF8, "application/json"),
            Headers = { Accept = { new MediaTypeWithQualityHeaderValue(EventStream.MediaType) } },
        };
        using var response = await api.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());

        var council = await DeclareAsync(api);

        var data = await Eventually.ArrivesAsync(async cancel =>
        {
            while (await events.ReadLineAsync(cancel) is { } line)
            {
                if (line.StartsWith("data: ")) return line["data: ".Length..];
            }

            return null;
        }, "the declaration as a next event");
        Assert.Contains(council.Council.Code, data);
    }

    [Fact]
    public async Task A_subscription_asked_for_before_the_change_feed_is_open_is_acknowledged_once_it_is()
    {
        await using var store = new HeldFeedStore(EmbeddedStore.Open(_data["store"]));
        using var api = new ApiFactory(_data["api"], store, ResultsDesk.PollingDay);
        var hub = api.Services.GetRequiredService<SubscriptionHub>();
        await using var socket = await GraphQLSocket.ReadyAsync(api);

        await socket.SubscribeAsync("s", Subscribed.Declarations);
        await Eventually.HoldsAsync(() => hub.Running == 1, "the subscription starting", () => $"{hub.Running} running");
        Assert.Equal(0, hub.Live); // it waits for the feed
        store.Feed.SetResult();
        await socket.AcknowledgedAsync();
        var council = await DeclareAsync(api);

        Assert.Equal(council.Council.Code, Code(await socket.ReceiveAsync()));
    }

    [Fact]
    public async Task A_change_feed_that_cannot_open_refuses_subscriptions_with_a_code_and_queries_still_answer()
    {
        await using var store = new HeldFeedStore(EmbeddedStore.Open(_data["store"]));
        store.Feed.SetException(new IOException("the store's change feed is down"));
        using var api = new ApiFactory(_data["api"], store, ResultsDesk.PollingDay);
        await using var socket = await GraphQLSocket.ReadyAsync(api);

        await socket.SubscribeAsync("s", Subscribed.Declarations);
        var error = await socket.ReceiveAsync();

        Assert.Equal(("s", "error"), (error?.GetProperty("id").GetString(), error?.GetProperty("type").GetString()));
        Assert.Equal("STORE_UNAVAILABLE", error?.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(259, (await api.QueryAsync("{ councils { totalCount } }")).GetProperty("councils").GetProperty("totalCount").GetInt32());
    }

    /// <summary>The API on a machine so busy that a subscription takes a second to start.</summary>
    private WebApplicationFactory<Program> SlowToSubscribe() =>
        new ApiFactory(_data.Path, settings: ResultsDesk.PollingDay).WithWebHostBuilder(host => host.ConfigureTestServices(services =>
            services.AddSingleton<IConfigureExecution>(new SlowSubscriptions(TimeSpan.FromSeconds(1)))));

    private static string? Code(JsonElement? next) =>
        next?.GetProperty("payload").GetProperty("data").GetProperty("councilResultDeclared").GetProperty("council").GetProperty("code").GetString();

    private static async Task<CouncilResult> DeclareAsync(WebApplicationFactory<Program> api)
    {
        var council = ResultsDesk.Declarable[0];
        var response = await new ResultsDesk(api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(council, "d-1") });
        Assert.False(response.TryGetProperty("errors", out var errors), errors.ToString());
        return council;
    }

    private sealed class SlowSubscriptions(TimeSpan delay) : IConfigureExecution
    {
        public float SortOrder => 0;

        public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
        {
            if (options.Query?.TrimStart().StartsWith("subscription") == true) await Task.Delay(delay);
            return await next(options);
        }
    }

    public void Dispose() => _data.Dispose();
}
