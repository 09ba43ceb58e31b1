using ElectionGraph.Api.Conventions.Filtering;
using ElectionGraph.Api.Conventions.Paging;
using ElectionGraph.Api.Transport;
using GraphQL;

namespace ElectionGraph.Api.Subscriptions;

public static class FeedContext
{
    /// <summary>
    /// The result feed once it is open, so a subscription is live when it starts: a declaration stored after
    /// that reaches it.
    /// </summary>
    public static async Task<ResultFeed> OpenFeedAsync(this IResolveFieldContext context)
    {
        var feed = context.RequestServices!.GetRequiredService<ResultFeed>();
        try
        {
            await feed.Open.WaitAsync(context.CancellationToken);
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
        {
            throw StoreUnavailable.Error("Live results are unavailable: the store's change feed is not open. Try again shortly.", e);
        }

        return feed;
    }

    /// <summary>The field's <c>where</c> as a test of each document as it arrives (in memory); all pass without one.</summary>
    public static Func<T, bool> WhereArgument<T>(this IResolveFieldContext context) =>
        FilterBuilder.Build<T>(context.Raw("where") as IDictionary<string, object?>)?.Compile() ?? (_ => true);
}
