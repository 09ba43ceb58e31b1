using System.Collections.Concurrent;
using System.Reflection;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Parties;
using ElectionGraph.Storage.Bson;

namespace ElectionGraph.Api.Conventions;

public enum MemberKind
{
    /// <summary>Text: equality, membership and substring operations.</summary>
    String,

    /// <summary>Numbers and dates: equality, membership and ordering.</summary>
    Comparable,

    /// <summary>Booleans and enums: equality and membership.</summary>
    Equatable,

    /// <summary>An embedded object: filtered and sorted through its own members.</summary>
    Object,

    /// <summary>An embedded list: some, all, none, any.</summary>
    List,
}

/// <param name="ValueType">The member's type without Nullable; for a list, its element type.</param>
/// <param name="Nullable">Whether the stored value can be null.</param>
public sealed record ShapeMember(string Name, PropertyInfo Property, MemberKind Kind, Type ValueType, bool Nullable)
{
    // A path through an optional object would fail in memory where MongoDB sees a missing field, so it is not offered.
    public bool Sortable => Kind is MemberKind.String or MemberKind.Comparable || (Kind == MemberKind.Object && !Nullable);
}

/// <summary>
/// What filters and sorts can reach on a type: its stored members (so MongoDB can evaluate them too),
/// under the names the GraphQL output types use.
/// </summary>
public static class Shape
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, ShapeMember>> Cache = new();
    private static readonly NullabilityInfoContext Nullability = new();
    private static readonly ConcurrentDictionary<PropertyInfo, bool> NullableProperties = new();

    /// <summary>Where the GraphQL name of a member is not its camel-cased property name.</summary>
    private static readonly Dictionary<(Type, string), string> Renames = new()
    {
        [(typeof(Council), nameof(Council.Id))] = "code",
        [(typeof(Party), nameof(Party.Id))] = "code",
    };

    public static IReadOnlyDictionary<string, ShapeMember> Of(Type type) => Cache.GetOrAdd(type, Build);

    public static ShapeMember Member(Type type, string propertyName) =>
        Of(type).Values.Single(m => m.Property.Name == propertyName);

    public static MemberKind KindOf(Type valueType) => valueType switch
    {
        _ when valueType == typeof(string) => MemberKind.String,
        _ when valueType == typeof(bool) || valueType.IsEnum => MemberKind.Equatable,
        _ when valueType == typeof(int) || valueType == typeof(long) || valueType == typeof(decimal)
            || valueType == typeof(DateTime) || valueType == typeof(DateOnly) => MemberKind.Comparable,
        _ when ElementType(valueType) is not null => MemberKind.List,
        _ => MemberKind.Object,
    };

    private static IReadOnlyDictionary<string, ShapeMember> Build(Type type) =>
        DocumentMaps.StoredProperties(type)
            .Select(property =>
            {
                var declared = System.Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                var kind = KindOf(declared);
                var valueType = kind == MemberKind.List ? ElementType(declared)! : declared;
                var nullable = IsNullable(property);
                var name = Renames.GetValueOrDefault((type, property.Name)) ?? char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
                return new ShapeMember(name, property, kind, valueType, nullable);
            })
            .ToDictionary(m => m.Name);

    public static bool IsNullable(PropertyInfo property) => NullableProperties.GetOrAdd(property, static property =>
    {
        lock (Nullability) // NullabilityInfoContext is not thread-safe
        {
            return System.Nullable.GetUnderlyingType(property.PropertyType) is not null
                   || Nullability.Create(property).ReadState == NullabilityState.Nullable;
        }
    });

    private static Type? ElementType(Type type) =>
        type != typeof(string) && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
            ? type.GetGenericArguments()[0]
            : null;
}
