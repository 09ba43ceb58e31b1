using System.Reactive.Linq;

namespace ElectionGraph.Api.Subscriptions;

public static class Observables
{
    /// <summary>
    /// Recomputes a value after triggers, one computation at a time; triggers that arrive during a
    /// computation are folded into one more, so a burst of declarations costs two computations, not a burst.
    /// </summary>
    public static IObservable<T> Recompute<TTrigger, T>(this IObservable<TTrigger> triggers, Func<CancellationToken, Task<T>> compute) =>
        Observable.Create<T>((observer, cancellationToken) =>
        {
            int dirty = 0, running = 0;

            async Task Loop()
            {
                do
                {
                    while (Interlocked.Exchange(ref dirty, 0) == 1)
                    {
                        try
                        {
                            observer.OnNext(await compute(cancellationToken));
                        }
                        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                        {
                            observer.OnError(e);
                            return;
                        }
                    }

                    Volatile.Write(ref running, 0);
                }
                while (Volatile.Read(ref dirty) == 1 && Interlocked.CompareExchange(ref running, 1, 0) == 0);
            }

            var subscription = triggers.Subscribe(
                trigger =>
                {
                    Volatile.Write(ref dirty, 1);
                    if (Interlocked.CompareExchange(ref running, 1, 0) == 0) _ = Loop();
                },
                observer.OnError,
                observer.OnCompleted);
            return Task.FromResult<IDisposable>(subscription);
        });
}
