using ElectionGraph.Domain;
using ElectionGraph.Domain.Access;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Elections;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Parties;
using ElectionGraph.Domain.Results;
using ElectionGraph.Domain.Webhooks;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Bson.Serialization.Serializers;

namespace ElectionGraph.Storage.Bson;

/// <summary>
/// The one serialisation of the documents, shared by both stores so a document looks the same in MongoDB
/// and in the embedded store: camelCase fields, <c>_id</c>, enums as strings, decimals as Decimal128.
/// </summary>
public static class DocumentMaps
{
    /// <summary>
    /// The public data: the election results partners read. Only these are loaded from the seed, imported,
    /// counted when deciding whether a store is empty, and followed by the data version behind ETags.
    /// </summary>
    private static readonly Dictionary<Type, string> PublicData = new()
    {
        [typeof(Election)] = "elections",
        [typeof(Party)] = "parties",
        [typeof(Council)] = "councils",
        [typeof(CouncilResult)] = "councilResults",
        [typeof(Mayoralty)] = "mayoralties",
        [typeof(Ballot)] = "ballots",
    };

    /// <summary>
    /// The service's own records, stored beside the data but never part of it: a key's last use must not
    /// move every partner's ETag, and a store that holds only keys is still unseeded.
    /// </summary>
    private static readonly Dictionary<Type, string> Internal = new()
    {
        [typeof(ApiKey)] = "apiKeys",
        [typeof(Webhook)] = "webhooks",
        [typeof(WebhookDelivery)] = "webhookDeliveries",
        [typeof(WebhookCursor)] = "webhookCursors",
    };

    private static readonly Dictionary<Type, string> Collections = PublicData.Concat(Internal).ToDictionary();

    private static readonly Lazy<bool> Registered = new(Register);

    /// <summary>Every stored document type: each has its collection (table) in either store.</summary>
    public static IReadOnlyCollection<Type> DocumentTypes => Collections.Keys;

    /// <inheritdoc cref="PublicData"/>
    public static IReadOnlyCollection<Type> PublicDataTypes => PublicData.Keys;

    /// <summary>The members a type is stored with: what filters and sorts can reach in either store.</summary>
    public static IEnumerable<System.Reflection.PropertyInfo> StoredProperties(Type type)
    {
        EnsureRegistered();
        return BsonClassMap.LookupClassMap(type).AllMemberMaps.Select(m => m.MemberInfo).OfType<System.Reflection.PropertyInfo>();
    }

    public static string CollectionName(Type documentType) =>
        Collections.TryGetValue(documentType, out var name)
            ? name
            : throw new ArgumentException($"{documentType.Name} is not a stored document type.", nameof(documentType));

    /// <summary>Registers the conventions once per process; every store calls it before touching BSON.</summary>
    public static void EnsureRegistered() => _ = Registered.Value;

    private static bool Register()
    {
        var conventions = new ConventionPack
        {
            new CamelCaseElementNameConvention(),
            new EnumRepresentationConvention(BsonType.String),
            new IgnoreExtraElementsConvention(true),
        };
        // All of the project's types, so read models projected inside MongoDB (aggregate rows) read back alike.
        ConventionRegistry.Register("ElectionGraph", conventions, t => t.Namespace?.StartsWith("ElectionGraph.", StringComparison.Ordinal) == true);
        // Derived flags and figures are stored too, so MongoDB can filter, sort and count on them without recomputing.
        BsonClassMap.RegisterClassMap<CouncilResult>(map =>
        {
            map.AutoMap();
            map.MapProperty(r => r.SeatsComplete).SetElementName("seatsComplete");
            map.MapProperty(r => r.ChangesComplete).SetElementName("changesComplete");
        });
        BsonClassMap.RegisterClassMap<Ballot>(map =>
        {
            map.AutoMap();
            map.MapProperty(b => b.TotalVotes).SetElementName("totalVotes");
            map.MapProperty(b => b.Majority).SetElementName("majority");
            map.MapProperty(b => b.MajorityShare).SetElementName("majorityShare");
        });
        BsonSerializer.TryRegisterSerializer(new DecimalSerializer(BsonType.Decimal128));
        BsonSerializer.TryRegisterSerializer(new DateTimeSerializer(DateTimeKind.Utc));
        return true;
    }
}
