using System.Reactive.Linq;
using ElectionGraph.Domain;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Results;
using GraphQL;

namespace ElectionGraph.Api.Subscriptions;

/// <summary>
/// A feed of one stored declaration, for running a subscription document over it alone: the document's own fields,
/// arguments and <c>where</c> decide whether it matches and what its result holds, exactly as for a live subscriber.
/// Put in an execution's user context (<see cref="In"/>); a null document is a feed with nothing in it.
/// </summary>
public sealed class OneDeclaration(IDeclared? declared) : IDeclarationFeed
{
    private const string Key = "oneDeclaration";

    public IObservable<CouncilResult> Results => Of<CouncilResult>();

    public IObservable<Mayoralty> Mayoralties => Of<Mayoralty>();

    public IObservable<Ballot> Ballots => Of<Ballot>();

    /// <summary>A user context for an execution over this declaration alone.</summary>
    public Dictionary<string, object?> In() => new() { [Key] = this };

    public static OneDeclaration? Of(IResolveFieldContext context) =>
        context.UserContext.TryGetValue(Key, out var one) ? one as OneDeclaration : null;

    private IObservable<T> Of<T>() => declared is T document ? Observable.Return(document) : Observable.Empty<T>();
}
