using GraphQL;

namespace ElectionGraph.Api.Subscriptions;

public static class FeedContext
{
    public static ResultFeed Feed(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<ResultFeed>();
}
