using ElectionGraph.Storage;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Subscriptions;

/// <summary>
/// Keeps a watch on the store's change feed open for as long as the app runs: when it fails (the store went
/// away) or ends, its owner is told, and it is opened again after a wait that doubles from
/// <see cref="FirstRetry"/> up to <see cref="ChangeFeedOptions.RetryMaxSeconds"/>, starting over once it is open.
/// The result feed, the HTTP caches' data version and the API key index watch the store through it.
/// </summary>
public sealed class ChangeFeedLoop(IOptions<ChangeFeedOptions> options, ILogger<ChangeFeedLoop> logger)
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);

    /// <param name="feed">What is watched, for the log.</param>
    /// <param name="watch">Opens the watch, calls its argument once it is open, and reads it until it fails or ends.</param>
    /// <param name="failed">Told each time the watch fails or cannot open, before the wait.</param>
    public async Task KeepOpenAsync(string feed, Func<Action, CancellationToken, Task> watch, Action<Exception> failed, CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        var down = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            Exception failure;
            try
            {
                await watch(() =>
                {
                    if (down) logger.LogInformation("The {Feed} is open again.", feed);
                    (retry, down) = (FirstRetry, false);
                }, stoppingToken);
                failure = new StoreUnavailableException($"The store closed the {feed}.");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failure = e;
            }

            // Once per outage: the attempts that follow fail the same way.
            if (!down) logger.LogError(failure, "The {Feed} failed: reopening it, every {RetryMax} s at most.", feed, options.Value.RetryMaxSeconds);
            down = true;
            failed(failure);
            try
            {
                await Task.Delay(retry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retry = TimeSpan.FromSeconds(Math.Min(retry.TotalSeconds * 2, options.Value.RetryMaxSeconds));
        }
    }
}
