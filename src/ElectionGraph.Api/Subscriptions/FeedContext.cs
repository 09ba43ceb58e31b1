using System.Reactive.Linq;
using ElectionGraph.Api.Conventions.Filtering;
using ElectionGraph.Api.Conventions.Paging;
using ElectionGraph.Api.Transport;
using ElectionGraph.Domain;
using GraphQL;
using GraphQL.Builders;

namespace ElectionGraph.Api.Subscriptions;

public static class FeedContext
{
    /// <summary>Metadata on a subscription field whose events are declarations: the document type declared (webhooks take only these fields).</summary>
    public const string Declares = "declares";

    /// <summary>
    /// The result feed once it is open, so a subscription is live when it starts: a declaration stored after
    /// that reaches it. An execution for one declaration (a webhook's, <see cref="OneDeclaration"/>) gets that instead.
    /// </summary>
    public static async Task<IDeclarationFeed> OpenFeedAsync(this IResolveFieldContext context)
    {
        if (OneDeclaration.Of(context) is { } one) return one;
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

    /// <summary>
    /// The declarations of the field's <c>electionId</c> from one of the feed's streams that match its <c>where</c>,
    /// tested in memory as each arrives. Only declared documents: a ballot is written before its count too (as
    /// nominated, on polling day), and that is no news.
    /// </summary>
    /// <remarks>Marks the field as <see cref="Declares"/> <typeparamref name="T"/>.</remarks>
    public static FieldBuilder<object?, T> StreamsDeclarations<T>(
        this FieldBuilder<object?, T> field, Func<IDeclarationFeed, IObservable<T>> stream, Func<T, string> electionOf) where T : class, IDeclared =>
        field.WithMetadata(Declares, typeof(T)).ResolveStreamAsync(context => context.DeclarationsAsync(stream, electionOf));

    private static async Task<IObservable<T?>> DeclarationsAsync<T>(
        this IResolveFieldContext context, Func<IDeclarationFeed, IObservable<T>> stream, Func<T, string> electionOf) where T : class, IDeclared
    {
        var electionId = context.GetArgument<string>("electionId");
        var matches = FilterBuilder.Build<T>(context.Raw("where") as IDictionary<string, object?>)?.Compile() ?? (_ => true);
        var feed = await context.OpenFeedAsync();
        return stream(feed).Where(d => electionOf(d) == electionId && d.IsDeclared && matches(d));
    }
}
