using ElectionGraph.Domain.Access;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Results;
using ElectionGraph.Domain.Webhooks;
using ElectionGraph.Storage.Bson;
using MongoDB.Driver;

namespace ElectionGraph.Storage.Mongo;

/// <summary>
/// The indexes behind the API's queries (results, mayoralties and ballots are read per election), the one rule the
/// store itself keeps for API keys (no two share a hash, so a presented key finds at most one), and the webhooks' own.
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
        [
            new(Builders<Mayoralty>.IndexKeys.Ascending(m => m.ElectionId).Ascending(m => m.AreaName)),
            new(Builders<Mayoralty>.IndexKeys.Ascending(m => m.UpdatedAt)),
        ], cancellationToken);
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
        await Collection<Webhook>(database).Indexes.CreateManyAsync(
            [new(Builders<Webhook>.IndexKeys.Ascending(w => w.OwnerKeyId).Ascending(w => w.CreatedAt))], cancellationToken);
        await Collection<WebhookDelivery>(database).Indexes.CreateManyAsync(
        [
            // The deliveries due (the sender's query), and a webhook's recent ones (its deliveries field, and a resume's held ones).
            new(Builders<WebhookDelivery>.IndexKeys.Ascending(d => d.Status).Ascending(d => d.NextAttemptAt)),
            new(Builders<WebhookDelivery>.IndexKeys.Ascending(d => d.WebhookId).Descending(d => d.CreatedAt)),
        ], cancellationToken);
    }

    private static IMongoCollection<T> Collection<T>(IMongoDatabase database) =>
        database.GetCollection<T>(DocumentMaps.CollectionName(typeof(T)));
}
