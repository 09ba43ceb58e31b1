using System.Reactive.Linq;
using System.Reactive.Subjects;
using ElectionGraph.Domain;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage;

namespace ElectionGraph.Api.Subscriptions;

/// <summary>
/// Declarations as they are stored, from the store's change feed: in process on the embedded store, a
/// MongoDB change stream on Mongo, so every API instance hears every declaration, in the order accepted.
/// </summary>
public sealed class ResultFeed(IDocumentStore store, ILogger<ResultFeed> logger) : BackgroundService
{
    private readonly Relay<CouncilResult> _results = new();
    private readonly Relay<Mayoralty> _mayoralties = new();

    public IObservable<CouncilResult> Results => _results.Subject.AsObservable();
    public IObservable<Mayoralty> Mayoralties => _mayoralties.Subject.AsObservable();

    /// <summary>
    /// Completes once the store's change feeds are open: every declaration stored after that reaches
    /// <see cref="Results"/> and <see cref="Mayoralties"/>. Fails when they cannot be opened.
    /// </summary>
    public Task Open => Task.WhenAll(_results.Opened.Task, _mayoralties.Opened.Task);

    // Since .NET 10 all of ExecuteAsync runs after the host has started, so a subscription can arrive
    // before the feeds are open: it waits for Open.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(RunAsync(_results, stoppingToken), RunAsync(_mayoralties, stoppingToken));

    private async Task RunAsync<T>(Relay<T> relay, CancellationToken stoppingToken) where T : class, IDocument
    {
        try
        {
            await using var changes = await store.Collection<T>().WatchAsync(stoppingToken);
            relay.Opened.TrySetResult();
            await foreach (var document in changes.WithCancellation(stoppingToken)) relay.Subject.OnNext(document);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "The change feed of {Type} failed: subscriptions to it end.", typeof(T).Name);
            relay.Opened.TrySetException(e);
            relay.Subject.OnError(e);
        }

        relay.Opened.TrySetCanceled(stoppingToken);
        relay.Subject.OnCompleted();
    }

    private sealed class Relay<T>
    {
        public Subject<T> Subject { get; } = new();
        public TaskCompletionSource Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
