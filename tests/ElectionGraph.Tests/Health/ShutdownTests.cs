using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ElectionGraph.Api.Health;
using ElectionGraph.Tests.Support;
using GraphQL;
using GraphQL.DI;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ElectionGraph.Tests.Health;

/// <summary>
/// A stopping server ends whatever is running by itself, rather than waiting for it: operations are cancelled,
/// SSE streams end, WebSockets close with 1001, and the process exits.
/// </summary>
public sealed class ShutdownTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Stopping_cancels_a_running_operation_which_answers_503_SHUTTING_DOWN()
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var api = new ApiFactory(_data.Path).WithWebHostBuilder(host => host.ConfigureTestServices(services =>
            services.AddSingleton<IConfigureExecution>(new RunsUntilCancelled(running))));
        using var client = api.CreateClient();

        var answer = client.PostAsJsonAsync("/graphql", new { query = "{ councils { totalCount } }" });
        await Eventually.ArrivesAsync(cancel => running.Task.WaitAsync(cancel), "the operation running");
        api.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        using var response = await answer;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];
        Assert.Equal(GracefulShutdown.ShuttingDown, error.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task SIGTERM_closes_WebSockets_with_1001_ends_SSE_streams_answers_a_request_under_way_and_the_process_exits()
    {
        await using var api = await ApiProcess.StartAsync(_data.Path, ResultsDesk.PollingDay);
        await using var socket = await GraphQLSocket.ReadyAsync(api.Endpoint);
        await socket.SubscribedAsync("s", Subscribed.Declarations);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var stream = await EventStreamClient.OpenAsync(http, Subscribed.Declarations, api.Endpoint);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        await using var slow = await SlowRequest.StartAsync(api.Endpoint);

        api.Terminate();

        Assert.Equal(1001, (await socket.ClosedAsync()).Code);
        Assert.Empty(await stream.EndedAsync());
        Assert.StartsWith("HTTP/1.1 503", await slow.AnswerAsync());
        var exit = await api.ExitedAsync();
        Assert.True(exit == 0, $"The API exited with {exit}:\n{api.Output}");
    }

    /// <summary>An operation that runs until its token is cancelled.</summary>
    private sealed class RunsUntilCancelled(TaskCompletionSource running) : IConfigureExecution
    {
        public float SortOrder => 0;

        public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
        {
            running.TrySetResult();
            await Task.Delay(Timeout.Infinite, options.CancellationToken);
            return await next(options);
        }
    }

    /// <summary>
    /// A request the server is handling, its body still arriving: a slow client. Its <c>Expect: 100-continue</c>
    /// tells when the server has started reading the body.
    /// </summary>
    private sealed class SlowRequest(TcpClient client, NetworkStream stream) : IAsyncDisposable
    {
        public static async Task<SlowRequest> StartAsync(Uri endpoint)
        {
            var client = new TcpClient();
            await client.ConnectAsync(endpoint.Host, endpoint.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"POST {endpoint.AbsolutePath} HTTP/1.1\r\nHost: {endpoint.Authority}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n"));
            var request = new SlowRequest(client, stream);
            Assert.StartsWith("HTTP/1.1 100", await request.AnswerAsync());
            await stream.WriteAsync("""{"query":"{ councils """u8.ToArray());
            return request;
        }

        /// <summary>What the server sends next, up to the end of its headers.</summary>
        public Task<string> AnswerAsync() => Eventually.ArrivesAsync(async cancel =>
        {
            var answer = new StringBuilder();
            var buffer = new byte[1];
            while (!answer.ToString().EndsWith("\r\n\r\n") && await stream.ReadAsync(buffer, cancel) == 1) answer.Append((char)buffer[0]);
            return answer.ToString();
        }, "the server's answer");

        public ValueTask DisposeAsync()
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    public void Dispose() => _data.Dispose();
}
