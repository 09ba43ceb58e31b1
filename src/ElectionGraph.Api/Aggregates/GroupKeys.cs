using System.Linq.Expressions;

namespace ElectionGraph.Api.Aggregates;

/// <summary>The group-by keys of the summaries that let a partner choose what to group by.</summary>
public static class GroupKeys
{
    /// <summary>
    /// <c>f => new TKey { Region = f.Region, … }</c> with only <paramref name="members"/> set, each the fact's member of
    /// the same name: an object key the store groups by, whatever the choice (MongoDB as one <c>$group</c> _id).
    /// </summary>
    public static Expression<Func<TFact, TKey>> Of<TFact, TKey>(IEnumerable<string> members) where TKey : new()
    {
        var fact = Expression.Parameter(typeof(TFact), "f");
        var bindings = members.Select(member =>
        {
            var property = typeof(TKey).GetProperty(member)!;
            return (MemberBinding)Expression.Bind(property, Expression.Convert(Expression.Property(fact, member), property.PropertyType));
        });
        return Expression.Lambda<Func<TFact, TKey>>(Expression.MemberInit(Expression.New(typeof(TKey)), bindings), fact);
    }
}
