using System.Reactive.Linq;
using System.Reactive.Subjects;
using ElectionGraph.Api.Transport;
using ElectionGraph.Domain;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage;

namespace ElectionGraph.Api.Subscriptions;

/// <summary>
/// Declarations as they are stored, from the store's change feed: in process on the embedded store, a
/// MongoDB change stream on Mongo, so every API instance hears every declaration, in the order accepted.
/// </summary>
/// <remarks>
/// When the store's feed fails, the subscriptions on it end with <see cref="StoreUnavailable.Code"/> (they may
/// have missed declarations: their clients resubscribe and catch up with <c>updatedSince</c>), new ones are
/// refused with it at once, and the feed reopens by itself (<see cref="ChangeFeedLoop"/>): subscriptions made
/// from then on are live again.
/// </remarks>
public sealed class ResultFeed(IDocumentStore store, ChangeFeedLoop loop) : BackgroundService, IDeclarationFeed
{
    private readonly Relay<CouncilResult> _results = new();
    private readonly Relay<Mayoralty> _mayoralties = new();
    private readonly Relay<Ballot> _ballots = new();

    /// <summary>Declarations from the feed as it is now open (or, while it is down, an immediate error).</summary>
    public IObservable<CouncilResult> Results => _results.Live;

    /// <inheritdoc cref="Results"/>
    public IObservable<Mayoralty> Mayoralties => _mayoralties.Live;

    /// <inheritdoc cref="Results"/>
    public IObservable<Ballot> Ballots => _ballots.Live;

    /// <summary>
    /// Completes once the store's change feeds are open: every declaration stored after that reaches
    /// <see cref="Results"/>, <see cref="Mayoralties"/> and <see cref="Ballots"/>. Fails while they are down.
    /// </summary>
    public Task Open => Task.WhenAll(_results.Opened, _mayoralties.Opened, _ballots.Opened);

    // Since .NET 10 all of ExecuteAsync runs after the host has started, so a subscription can arrive
    // before the feeds are open: it waits for Open.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(RunAsync(_results, stoppingToken), RunAsync(_mayoralties, stoppingToken), RunAsync(_ballots, stoppingToken));

    private async Task RunAsync<T>(Relay<T> relay, CancellationToken stoppingToken) where T : class, IDocument
    {
        await loop.KeepOpenAsync($"change feed of {typeof(T).Name}", async (opened, cancellationToken) =>
        {
            await using var changes = await store.Collection<T>().WatchAsync(cancellationToken);
            var live = relay.Open();
            opened();
            await foreach (var document in changes.WithCancellation(cancellationToken)) live.OnNext(document);
        }, relay.Fail, stoppingToken);
        relay.Stop();
    }

    /// <summary>
    /// One feed's subscribers. Each opening of the store's feed is a new subject, so subscriptions made on one
    /// that failed end with its error, and only the feed as now open reaches new ones.
    /// </summary>
    private sealed class Relay<T>
    {
        private sealed record Opening(Subject<T> Subject, TaskCompletionSource Opened);

        // Written only by the feed's own loop; read by subscriptions.
        private volatile Opening _current = new(new Subject<T>(), Pending());

        /// <summary>Each subscriber gets its own error: GraphQL.NET sets the error's path and locations for its operation.</summary>
        public IObservable<T> Live => _current.Subject.Catch((Exception cause) => Observable.Throw<T>(StoreUnavailable.Error(
            "Live results stopped: the store's change feed failed. Subscribe again, then catch up with updatedSince.", cause)));

        public Task Opened => _current.Opened.Task;

        /// <summary>The store's feed is open: the subject it feeds, live for subscriptions from now on.</summary>
        public Subject<T> Open()
        {
            var current = _current;
            if (current.Opened.TrySetResult()) return current.Subject; // the first opening, awaited by early subscriptions
            var opened = Pending();
            opened.SetResult();
            _current = new Opening(new Subject<T>(), opened);
            return _current.Subject;
        }

        /// <summary>The store's feed failed or could not open: its subscribers are told, and new ones refused until it reopens.</summary>
        public void Fail(Exception cause)
        {
            var current = _current;
            if (current.Opened.Task.IsFaulted) return; // down already
            if (!current.Opened.TrySetException(cause))
            {
                var failed = Pending();
                failed.SetException(cause);
                _current = current with { Opened = failed };
            }

            current.Subject.OnError(cause);
        }

        public void Stop()
        {
            _current.Opened.TrySetCanceled();
            _current.Subject.OnCompleted();
        }

        private static TaskCompletionSource Pending() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
