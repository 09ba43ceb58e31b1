using GraphQL.Types;

namespace ElectionGraph.Api.Schema;

/// <summary>A calendar date, yyyy-MM-dd, under the scalar name most clients know: <c>Date</c>.</summary>
public sealed class CalendarDateGraphType : DateOnlyGraphType
{
    public CalendarDateGraphType() => Name = "Date";
}
