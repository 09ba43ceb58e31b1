using System.Diagnostics;

namespace ElectionGraph.Tests.Support;

/// <summary>
/// Waits for conditions, never for time: each wait ends as soon as its condition holds. The limit only turns
/// what will never happen (a lost event) into a failure, and is generous for a 2-core machine running the
/// whole suite beside other work.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Polls until <paramref name="holds"/>; on failure says what was expected and what there was.</summary>
    public static Task HoldsAsync(Func<bool> holds, string expected, Func<string> found) =>
        HoldsAsync(() => Task.FromResult(holds()), expected, found);

    /// <inheritdoc cref="HoldsAsync(Func{bool}, string, Func{string})"/>
    public static async Task HoldsAsync(Func<Task<bool>> holds, string expected, Func<string> found)
    {
        var waited = Stopwatch.StartNew();
        while (!await holds())
        {
            if (waited.Elapsed > Limit) throw new TimeoutException($"Expected {expected} within {Limit.TotalSeconds:0} s; found {found()}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Fails after <see cref="Limit"/>, saying what did not arrive.</summary>
    public static Task ArrivesAsync(Func<CancellationToken, Task> receive, string expected) =>
        ArrivesAsync(async cancel =>
        {
            await receive(cancel);
            return true;
        }, expected);

    /// <inheritdoc cref="ArrivesAsync(Func{CancellationToken, Task}, string)"/>
    public static async Task<T> ArrivesAsync<T>(Func<CancellationToken, Task<T>> receive, string expected)
    {
        using var cancel = new CancellationTokenSource(Limit);
        try
        {
            return await receive(cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"Expected {expected} within {Limit.TotalSeconds:0} s; nothing arrived.");
        }
    }
}
