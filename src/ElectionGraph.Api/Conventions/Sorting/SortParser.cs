using System.Reflection;
using ElectionGraph.Api.Conventions.Filtering;

namespace ElectionGraph.Api.Conventions.Sorting;

/// <summary>Turns an <c>order</c> input into sort keys, always ending with the id so every order is total.</summary>
public static class SortParser
{
    public const int MaxKeys = 6;

    /// <param name="order">The <c>order</c> argument: a list of one-field objects.</param>
    /// <param name="defaults">The field's order when none is given.</param>
    public static IReadOnlyList<SortKey> Parse<T>(IEnumerable<object?>? order, IReadOnlyList<SortKey> defaults)
    {
        var keys = new List<SortKey>();
        foreach (var item in order ?? [])
        {
            if (item is IDictionary<string, object?> element) keys.AddRange(Keys<T>(typeof(T), element, []));
        }

        if (keys.Count == 0) keys.AddRange(defaults);
        if (keys.Count > MaxKeys) throw new FilterError("SORT_TOO_LARGE", $"An order takes at most {MaxKeys} keys.");

        // A unique last key makes the order total, so cursors are stable and pages never overlap.
        var id = SortKey.Of<T>([Shape.Member(typeof(T), "Id").Property], descending: false);
        if (keys.All(k => k.Path != id.Path)) keys.Add(id);
        return keys;
    }

    private static IEnumerable<SortKey> Keys<T>(Type type, IDictionary<string, object?> element, IReadOnlyList<PropertyInfo> path)
    {
        foreach (var (name, value) in element)
        {
            if (value is null) continue;
            var member = Shape.Of(type)[name];
            PropertyInfo[] next = [.. path, member.Property];
            var keys = value is IDictionary<string, object?> nested
                ? Keys<T>(member.ValueType, nested, next)
                : [SortKey.Of<T>(next, (SortDirection)value == SortDirection.Desc)];
            foreach (var key in keys) yield return key;
        }
    }
}
