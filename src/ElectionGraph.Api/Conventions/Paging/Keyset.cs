using System.Linq.Expressions;
using ElectionGraph.Api.Conventions.Sorting;

namespace ElectionGraph.Api.Conventions.Paging;

/// <summary>
/// "Items after this one in this order" as a predicate on the sort keys, so MongoDB answers the next page
/// with a range, not by skipping the pages before it. Missing values come last going forward (first going
/// backward); strings compare with string.Compare, which MongoDB runs as a range.
/// </summary>
public static class Keyset
{
    private static readonly System.Reflection.MethodInfo Compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    /// <param name="forward">False for items before the cursor (the order reversed).</param>
    public static Expression<Func<T, bool>> Beyond<T>(IReadOnlyList<SortKey> keys, object?[] values, bool forward)
    {
        var document = Expression.Parameter(typeof(T), "x");
        Expression? any = null;
        for (var i = 0; i < keys.Count; i++)
        {
            var descending = forward ? keys[i].Descending : !keys[i].Descending;
            var term = Past(keys[i], keys[i].On(document), values[i], descending, missingLast: forward);
            for (var j = i - 1; j >= 0; j--) term = Expression.AndAlso(Equal(keys[j].On(document), values[j]), term);
            any = any is null ? term : Expression.OrElse(any, term);
        }

        return Expression.Lambda<Func<T, bool>>(any ?? Expression.Constant(true), document);
    }

    /// <summary>Items strictly past <paramref name="value"/> on this key, missing values placed last or first.</summary>
    private static Expression Past(SortKey key, Expression member, object? value, bool descending, bool missingLast)
    {
        if (value is null) return missingLast ? Expression.Constant(false) : QueryMethods.Compare(ExpressionType.NotEqual, member, Null(member));
        var constant = Expression.Constant(value, member.Type);
        Expression past = member.Type == typeof(string)
            ? (descending ? Expression.LessThan : (Func<Expression, Expression, BinaryExpression>)Expression.GreaterThan)(
                Expression.Call(Compare, member, constant), Expression.Constant(0))
            : QueryMethods.Compare(descending ? ExpressionType.LessThan : ExpressionType.GreaterThan, member, constant);
        if (!key.Nullable) return past;
        // In memory string.Compare puts null below everything; MongoDB never ranges over nulls: say it for both.
        if (member.Type == typeof(string)) past = Expression.AndAlso(QueryMethods.Compare(ExpressionType.NotEqual, member, Null(member)), past);
        return missingLast ? Expression.OrElse(past, QueryMethods.Compare(ExpressionType.Equal, member, Null(member))) : past;
    }

    private static Expression Equal(Expression member, object? value) =>
        QueryMethods.Compare(ExpressionType.Equal, member, value is null ? Null(member) : Expression.Constant(value, member.Type));

    private static ConstantExpression Null(Expression member) => Expression.Constant(null, member.Type);
}
