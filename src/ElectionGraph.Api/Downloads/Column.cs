using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using ElectionGraph.Api.Conventions;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Downloads;

/// <summary>
/// One field a download writes of each row: a field of the list's GraphQL type that the row itself stores
/// (a scalar, an embedded object, an embedded list), under its GraphQL name and in the schema's order. Fields
/// resolved from other documents (<c>party</c>, <c>election</c>) are left out: those lists are downloads of
/// their own. Values are read from the row and serialised by the field's own scalar type, so they are what a
/// GraphQL answer holds (an enum's name, a time's ISO text).
/// </summary>
public sealed class Column
{
    private readonly Func<object, object?> _read;
    private readonly ScalarGraphType? _scalar;

    private Column(FieldType field, PropertyInfo property, IReadOnlyList<Column>? fields, bool isList)
    {
        Field = field;
        Fields = fields;
        IsList = isList;
        _scalar = field.ResolvedType!.GetNamedType() as ScalarGraphType;
        var row = Expression.Parameter(typeof(object));
        _read = Expression.Lambda<Func<object, object?>>(
            Expression.Convert(Expression.Property(Expression.Convert(row, property.DeclaringType!), property), typeof(object)), row).Compile();
    }

    public string Name => Field.Name;

    public FieldType Field { get; }

    /// <summary>The columns of an embedded object (or of each element of an embedded list of objects); null for a scalar.</summary>
    public IReadOnlyList<Column>? Fields { get; }

    public bool IsList { get; }

    /// <summary>The columns of a list field's items.</summary>
    public static IReadOnlyList<Column> OfList(FieldType list, Type node)
    {
        var connection = (IComplexGraphType)list.ResolvedType!.GetNamedType();
        return Of((IComplexGraphType)connection.GetField("nodes")!.ResolvedType!.GetNamedType(), node);
    }

    private static IReadOnlyList<Column> Of(IComplexGraphType type, Type stored)
    {
        var members = Shape.Of(stored);
        return type.Fields
            .Where(field => members.ContainsKey(field.Name))
            .Select(field =>
            {
                var member = members[field.Name];
                var fields = field.ResolvedType!.GetNamedType() is IComplexGraphType embedded ? Of(embedded, member.ValueType) : null;
                return new Column(field, member.Property, fields, member.Kind == MemberKind.List);
            })
            .ToList();
    }

    /// <summary>The columns of a CSV file: scalars by their dotted names (<c>council.code</c>), lists of objects left out.</summary>
    public static IEnumerable<(string Name, Column Column)> Flattened(IReadOnlyList<Column> columns, string prefix = "") =>
        columns.SelectMany(column => column switch
        {
            { Fields: null } => [(prefix + column.Name, column)],
            { IsList: true } => [],
            _ => Flattened(column.Fields, $"{prefix}{column.Name}."),
        });

    /// <summary>The field's value on a row (or on the embedded object holding it); null when that is missing.</summary>
    public object? Read(object? row) => row is null ? null : _read(row);

    /// <summary>A scalar value as a GraphQL answer holds it: text, a number or a boolean.</summary>
    public object? Output(object? value) => value is null ? null : _scalar!.Serialize(value);

    /// <summary>A scalar output value as text, as JSON writes it (without quotes); null stays null.</summary>
    public static string? Text(object? output) => output switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => output.ToString(),
    };
}
