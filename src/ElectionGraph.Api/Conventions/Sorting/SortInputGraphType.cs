using GraphQL.Types;

namespace ElectionGraph.Api.Conventions.Sorting;

public enum SortDirection { Asc, Desc }

public sealed class SortEnumType : EnumerationGraphType<SortDirection>
{
    public SortEnumType() => Name = "SortEnumType";
}

/// <summary>
/// One key of an <c>order</c> list, derived from the type's stored text, number and date members and its
/// embedded objects. Give one field per list element: <c>order: [{ region: ASC }, { name: DESC }]</c>.
/// </summary>
public sealed class SortInputGraphType<T> : InputObjectGraphType
{
    public SortInputGraphType()
    {
        Name = $"{typeof(T).Name}SortInput";
        Description = $"A sort key of {typeof(T).Name}. Text sorts by code point (the same in every store).";
        foreach (var member in Shape.Of(typeof(T)).Values.Where(m => m.Sortable))
        {
            var type = member.Kind == MemberKind.Object ? typeof(SortInputGraphType<>).MakeGenericType(member.ValueType) : typeof(SortEnumType);
            AddField(new FieldType { Name = member.Name, Type = type });
        }
    }
}
