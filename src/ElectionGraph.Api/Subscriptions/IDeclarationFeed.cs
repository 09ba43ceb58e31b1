using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Results;

namespace ElectionGraph.Api.Subscriptions;

/// <summary>Where subscription fields take their declarations from: the store's feed (<see cref="ResultFeed"/>), or one declaration (<see cref="OneDeclaration"/>).</summary>
public interface IDeclarationFeed
{
    IObservable<CouncilResult> Results { get; }

    IObservable<Mayoralty> Mayoralties { get; }

    IObservable<Ballot> Ballots { get; }
}
