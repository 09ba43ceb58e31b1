using ElectionGraph.Domain.Access;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage.Bson;
using MongoDB.Driver;

namespace ElectionGraph.Storage.Mongo;

/// <summary>
/// The indexes behind the API's queries (results, mayoralties and ballots are read per election), and the one rule the
/// store itself keeps for API keys: no two share a hash, so a presented key finds at most one.
/// </summary>
internal static class MongoIndexes
{
    public static async Task CreateAsync(IMongoDatabase database, CancellationToken cancellationToken)
    {
        await Collection<CouncilResult>(database).Indexes.CreateManyAsync(
        [
            new(Builders<CouncilResult>.IndexKeys.Ascending(r => r.ElectionId).Ascending(r => r.Council.Name)),
            new(Builders<CouncilResult>.IndexKeys.Ascending(r => r.Council.Code)),
            new(Builders<CouncilResult>.IndexKeys.Ascending(r => r.UpdatedAt)),
        ], cancellationToken);
        await Collection<Mayoralty>(database).Indexes.CreateManyAsync(
            [new(Builders<Mayoralty>.IndexKeys.Ascending(m => m.ElectionId).Ascending(m => m.AreaName))], cancellationToken);
        await Collection<Ballot>(database).Indexes.CreateManyAsync(
        [
            // The list's default order; a page of results' wards, in ward order (Loaders.BallotsByResult).
            new(Builders<Ballot>.IndexKeys.Ascending(b => b.ElectionId).Ascending(b => b.Council.Name).Ascending(b => b.Ward.Name)),
            new(Builders<Ballot>.IndexKeys.Ascending(b => b.Council.Code).Ascending(b => b.Ward.Name)),
            // The closest contests: smallest majority first (uncontested ballots, with none, sort before every number).
            new(Builders<Ballot>.IndexKeys.Ascending(b => b.ElectionId).Ascending(b => b.Majority)),
            new(Builders<Ballot>.IndexKeys.Ascending(b => b.UpdatedAt)),
        ], cancellationToken);
        await Collection<Council>(database).Indexes.CreateManyAsync(
            [new(Builders<Council>.IndexKeys.Ascending(c => c.Name))], cancellationToken);
        await Collection<ApiKey>(database).Indexes.CreateManyAsync(
            [new(Builders<ApiKey>.IndexKeys.Ascending(k => k.Hash), new CreateIndexOptions { Unique = true })], cancellationToken);
    }

    private static IMongoCollection<T> Collection<T>(IMongoDatabase database) =>
        database.GetCollection<T>(DocumentMaps.CollectionName(typeof(T)));
}
