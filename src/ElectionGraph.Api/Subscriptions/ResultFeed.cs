using System.Reactive.Linq;
using System.Reactive.Subjects;
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
    private readonly Subject<CouncilResult> _results = new();
    private readonly Subject<Mayoralty> _mayoralties = new();

    public IObservable<CouncilResult> Results => _results.AsObservable();
    public IObservable<Mayoralty> Mayoralties => _mayoralties.AsObservable();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Relay(_results, stoppingToken), Relay(_mayoralties, stoppingToken));

    private async Task Relay<T>(Subject<T> subject, CancellationToken stoppingToken) where T : class, Domain.IDocument
    {
        try
        {
            await foreach (var document in store.Collection<T>().WatchAsync(stoppingToken)) subject.OnNext(document);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "The change feed of {Type} failed: subscriptions to it end.", typeof(T).Name);
            subject.OnError(e);
        }

        subject.OnCompleted();
    }
}
