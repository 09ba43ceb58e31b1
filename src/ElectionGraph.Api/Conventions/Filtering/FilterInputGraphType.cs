using GraphQL.Types;

namespace ElectionGraph.Api.Conventions.Filtering;

/// <summary>
/// The <c>where</c> input of any document type, derived from its stored members: one field a member,
/// plus <c>and</c>/<c>or</c>. Nothing is written per type.
/// </summary>
public sealed class FilterInputGraphType<T> : InputObjectGraphType
{
    public FilterInputGraphType()
    {
        Name = $"{typeof(T).Name}FilterInput";
        Description = $"Conditions on {typeof(T).Name}: every field given must hold; and/or combine whole conditions.";
        Field<ListGraphType<NonNullGraphType<FilterInputGraphType<T>>>>("and").Description("Every condition holds.");
        Field<ListGraphType<NonNullGraphType<FilterInputGraphType<T>>>>("or").Description("At least one condition holds.");
        foreach (var member in Shape.Of(typeof(T)).Values)
        {
            AddField(new FieldType { Name = member.Name, Type = FilterTypes.For(member.Kind, member.ValueType) });
        }
    }
}

/// <summary>Conditions on an embedded list: HotChocolate's some, all, none and any.</summary>
public sealed class ListFilterInputGraphType<TElement> : InputObjectGraphType
{
    public ListFilterInputGraphType()
    {
        var kind = Shape.KindOf(typeof(TElement));
        var element = FilterTypes.For(kind, typeof(TElement));
        Name = kind == MemberKind.Object
            ? $"ListFilterInputTypeOf{typeof(TElement).Name}FilterInput"
            : $"List{FilterTypes.OperationName(typeof(TElement))}";
        AddField(new FieldType { Name = "some", Type = element, Description = "At least one element matches." });
        AddField(new FieldType { Name = "all", Type = element, Description = "Every element matches (true of an empty list)." });
        AddField(new FieldType { Name = "none", Type = element, Description = "No element matches." });
        Field<BooleanGraphType>("any").Description("true: the list has elements; false: it is empty.");
    }
}

public static class FilterTypes
{
    /// <summary>The input graph type that filters a member of this kind and type.</summary>
    public static Type For(MemberKind kind, Type valueType) => kind switch
    {
        MemberKind.Object => typeof(FilterInputGraphType<>).MakeGenericType(valueType),
        MemberKind.List => typeof(ListFilterInputGraphType<>).MakeGenericType(valueType),
        _ when valueType.IsEnum => typeof(EnumOperationFilterInput<>).MakeGenericType(valueType),
        _ when valueType == typeof(string) => typeof(StringOperationFilterInput),
        _ when valueType == typeof(bool) => typeof(BooleanOperationFilterInput),
        _ when valueType == typeof(int) || valueType == typeof(long) => typeof(IntOperationFilterInput),
        _ when valueType == typeof(decimal) => typeof(FloatOperationFilterInput),
        _ when valueType == typeof(DateTime) => typeof(DateTimeOperationFilterInput),
        _ when valueType == typeof(DateOnly) => typeof(DateOperationFilterInput),
        _ => throw new NotSupportedException($"No filter for members of type {valueType.Name}."),
    };

    public static string OperationName(Type scalar) => For(Shape.KindOf(scalar), scalar) switch
    {
        var t when t.IsGenericType => $"{scalar.Name}OperationFilterInput",
        var t => t.Name,
    };
}
