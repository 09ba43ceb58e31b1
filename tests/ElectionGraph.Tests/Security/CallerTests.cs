using System.Collections.Concurrent;
using System.Net;
using ElectionGraph.Api.Security;
using ElectionGraph.Domain.Access;
using ElectionGraph.Tests.Support;
using GraphQL;
using GraphQL.DI;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Security;

/// <summary>Who a caller is counted as: a key by its id, anyone else by address, forwarded only by known proxies.</summary>
public sealed class CallerTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public static TheoryData<string, string, string?, string> Forwarding => new()
    {
        // known proxies, the peer's address, X-Forwarded-For, the caller
        { "", "10.0.0.2", "203.0.113.7", "ip:10.0.0.2" },
        { "", "127.0.0.1", "203.0.113.7", "ip:127.0.0.1" }, // not even loopback is trusted unless configured
        { "10.0.0.2", "10.0.0.3", "203.0.113.7", "ip:10.0.0.3" },
        { "10.0.0.2", "10.0.0.2", "203.0.113.7", "ip:203.0.113.7" },
        { "10.0.0.0/8", "10.0.0.2", "198.51.100.1, 203.0.113.7, 10.0.0.9", "ip:203.0.113.7" }, // back through known proxies only
        { "", "::ffff:10.0.0.2", null, "ip:10.0.0.2" },
    };

    [Theory]
    [MemberData(nameof(Forwarding))]
    public async Task A_forwarded_address_counts_only_from_a_known_proxy(string knownProxies, string peer, string? forwardedFor, string partition)
    {
        var callers = new ConcurrentQueue<Caller>();
        using var api = Api(peer, callers, knownProxies);
        using var client = api.CreateClient();
        if (forwardedFor is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);

        using var response = await client.GetAsync("/graphql?query=%7B__typename%7D");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var caller = Assert.Single(callers);
        Assert.Equal((partition, 0, (ApiKeyBudget?)null), (caller.Partition, caller.Roles.Count, caller.Budget));
    }

    [Fact]
    public async Task A_key_is_one_caller_with_its_roles_and_budget_wherever_it_calls_from_and_on_any_transport()
    {
        var callers = new ConcurrentQueue<Caller>();
        using var api = Api("10.0.0.2", callers, knownProxies: "");
        var budget = new ApiKeyBudget(CostPerMinute: 5000, RequestsPerMinute: null, WebSocketConnections: 2, EventStreams: null);
        var key = await Keys.IssueAsync(api, Roles.Partner, budget);
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Secret);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await client.GetAsync("/graphql?query=%7B__typename%7D");
        await using var socket = await GraphQLSocket.ReadyAsync(api, key.Secret);
        await socket.SubscribeAsync("q", "{ __typename }");
        await socket.ReceiveAsync();
        await using var anonymous = await GraphQLSocket.ReadyAsync(api);
        await anonymous.SubscribeAsync("q", "{ __typename }");
        await anonymous.ReceiveAsync();

        Assert.Equal(
            [($"key:{key.ApiKey.Id}", "partner", budget), ($"key:{key.ApiKey.Id}", "partner", budget), ("ip:10.0.0.2", "", null)],
            callers.Select(c => (c.Partition, string.Join(",", c.Roles), c.Budget)));
    }

    [Fact]
    public void A_known_proxy_that_is_not_an_address_stops_the_server_with_its_setting()
    {
        using var api = Api("10.0.0.2", new ConcurrentQueue<Caller>(), knownProxies: "10.0.0.0/33");

        var refused = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains("ElectionGraph:ForwardedHeaders:KnownProxies: '10.0.0.0/33' is neither an IP address nor a CIDR network.", refused.ToString());
    }

    /// <summary>The API as reached from <paramref name="peer"/>, recording the caller of each operation it runs.</summary>
    private WebApplicationFactory<Program> Api(string peer, ConcurrentQueue<Caller> callers, string knownProxies) =>
        new ApiFactory(_data[Guid.NewGuid().ToString("N")], settings: new Dictionary<string, string>(
                knownProxies.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((proxy, i) =>
                    KeyValuePair.Create($"ElectionGraph:ForwardedHeaders:KnownProxies:{i}", proxy))))
            .WithWebHostBuilder(host => host.ConfigureTestServices(services => services
                .AddSingleton<IStartupFilter>(new Peer(IPAddress.Parse(peer)))
                .AddSingleton<IConfigureExecution>(new Recorder(callers))));

    /// <summary>Every request arrives from this address, as if over a socket from it.</summary>
    private sealed class Peer(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, then) =>
            {
                http.Connection.RemoteIpAddress = address;
                return then(http);
            });
            next(app);
        };
    }

    private sealed class Recorder(ConcurrentQueue<Caller> callers) : IConfigureExecution
    {
        public float SortOrder => 0;

        public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
        {
            callers.Enqueue(Caller.Of(options.User!));
            return next(options);
        }
    }

    public void Dispose() => _data.Dispose();
}
