using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using GraphQL;

namespace ElectionGraph.Api.Conventions.Filtering;

/// <summary>
/// Turns a <c>where</c> input into one predicate over the document type. The predicate uses only what both
/// stores evaluate alike: comparisons, <c>Contains</c> on a constant array, string methods with null
/// guards, <c>Any</c>/<c>All</c> on embedded lists; so it runs in memory and translates to MQL.
/// </summary>
public sealed class FilterBuilder
{
    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo StringStartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
    private static readonly MethodInfo StringEndsWith = typeof(string).GetMethod(nameof(string.EndsWith), [typeof(string)])!;
    private static readonly MethodInfo ToLower = typeof(string).GetMethod(nameof(string.ToLowerInvariant), Type.EmptyTypes)!;

    private int _conditions;

    private FilterBuilder()
    {
    }

    /// <summary>The predicate for <paramref name="where"/>; null when there is nothing to filter on.</summary>
    /// <exception cref="ExecutionError">The filter is past a limit (code FILTER_TOO_DEEP, FILTER_TOO_LARGE or FILTER_LIST_TOO_LONG).</exception>
    public static Expression<Func<T, bool>>? Build<T>(IDictionary<string, object?>? where)
    {
        if (where is null || where.Count == 0) return null;
        var document = Expression.Parameter(typeof(T), "x");
        return Expression.Lambda<Func<T, bool>>(new FilterBuilder().Object(document, typeof(T), where, depth: 1), document);
    }

    private Expression Object(Expression target, Type type, IDictionary<string, object?> input, int depth)
    {
        CheckDepth(depth);
        var members = Shape.Of(type);
        var parts = new List<Expression>();
        foreach (var (name, value) in input)
        {
            if (value is null) continue;
            parts.Add(name switch
            {
                "and" => Combine(Items(value).Select(i => Object(target, type, Dictionary(i), depth + 1)), Expression.AndAlso, true),
                "or" => Combine(Items(value).Select(i => Object(target, type, Dictionary(i), depth + 1)), Expression.OrElse, true),
                _ => Member(Expression.Property(target, members[name].Property), members[name], value, depth),
            });
        }

        return Combine(parts, Expression.AndAlso, true);
    }

    private Expression Member(Expression access, ShapeMember member, object value, int depth) => member.Kind switch
    {
        MemberKind.Object => Guarded(access, member.Nullable, Object(access, member.ValueType, Dictionary(value), depth + 1)),
        MemberKind.List => List(access, member.ValueType, Dictionary(value), depth + 1),
        _ => Operations(access, member.ValueType, member.Nullable, Dictionary(value)),
    };

    private Expression List(Expression list, Type element, IDictionary<string, object?> input, int depth)
    {
        CheckDepth(depth);
        var parts = new List<Expression>();
        foreach (var (operation, value) in input)
        {
            if (value is null) continue;
            if (operation == "any")
            {
                Count();
                var any = Expression.Call(QueryMethods.EnumerableAny.MakeGenericMethod(element), list);
                parts.Add((bool)value ? any : Expression.Not(any));
                continue;
            }

            var item = Expression.Parameter(element, "e");
            var kind = Shape.KindOf(element);
            var body = kind == MemberKind.Object ? Object(item, element, Dictionary(value), depth + 1) : Operations(item, element, nullable: false, Dictionary(value));
            var predicate = Expression.Lambda(body, item);
            parts.Add(operation switch
            {
                "some" => Expression.Call(QueryMethods.EnumerableAnyWhere.MakeGenericMethod(element), list, predicate),
                "all" => Expression.Call(QueryMethods.EnumerableAll.MakeGenericMethod(element), list, predicate),
                _ => Expression.Not(Expression.Call(QueryMethods.EnumerableAnyWhere.MakeGenericMethod(element), list, predicate)),
            });
        }

        return Combine(parts, Expression.AndAlso, true);
    }

    /// <param name="nullable">Whether the value can be missing: string tests then say "present and …", as a null has no text.</param>
    private Expression Operations(Expression access, Type valueType, bool nullable, IDictionary<string, object?> input)
    {
        var ignoreCase = input.TryGetValue("ignoreCase", out var flag) && flag is true;
        var parts = new List<Expression>();
        foreach (var (operation, value) in input)
        {
            if (operation == "ignoreCase" || (value is null && operation is not ("eq" or "neq"))) continue;
            Count();
            parts.Add(operation switch
            {
                "eq" => Equal(access, value, ignoreCase, nullable),
                "neq" => Expression.Not(Equal(access, value, ignoreCase, nullable)),
                "in" => In(access, valueType, value!, ignoreCase, nullable),
                "nin" => Expression.Not(In(access, valueType, value!, ignoreCase, nullable)),
                "gt" => Compare(ExpressionType.GreaterThan, access, value!),
                "ngt" => Expression.Not(Compare(ExpressionType.GreaterThan, access, value!)),
                "gte" => Compare(ExpressionType.GreaterThanOrEqual, access, value!),
                "ngte" => Expression.Not(Compare(ExpressionType.GreaterThanOrEqual, access, value!)),
                "lt" => Compare(ExpressionType.LessThan, access, value!),
                "nlt" => Expression.Not(Compare(ExpressionType.LessThan, access, value!)),
                "lte" => Compare(ExpressionType.LessThanOrEqual, access, value!),
                "nlte" => Expression.Not(Compare(ExpressionType.LessThanOrEqual, access, value!)),
                "contains" => Text(StringContains, access, value!, ignoreCase, nullable),
                "ncontains" => Expression.Not(Text(StringContains, access, value!, ignoreCase, nullable)),
                "startsWith" => Text(StringStartsWith, access, value!, ignoreCase, nullable),
                "nstartsWith" => Expression.Not(Text(StringStartsWith, access, value!, ignoreCase, nullable)),
                "endsWith" => Text(StringEndsWith, access, value!, ignoreCase, nullable),
                "nendsWith" => Expression.Not(Text(StringEndsWith, access, value!, ignoreCase, nullable)),
                _ => throw new FilterError("FILTER_INVALID", $"Unknown filter operation '{operation}'."),
            });
        }

        return Combine(parts, Expression.AndAlso, true);
    }

    private static Expression Equal(Expression access, object? value, bool ignoreCase, bool nullable) => value switch
    {
        string text when ignoreCase => Text(null, access, text, ignoreCase: true, nullable),
        null when !CanBeNull(access.Type) => Expression.Constant(false),
        _ => QueryMethods.Compare(ExpressionType.Equal, access, Constant(value, access.Type)),
    };

    private static Expression In(Expression access, Type valueType, object value, bool ignoreCase, bool nullable)
    {
        var values = Items(value).Where(v => v is not null || CanBeNull(access.Type)).ToList();
        if (values.Count > FilterLimits.MaxListValues)
            throw new FilterError("FILTER_LIST_TOO_LONG", $"'in' and 'nin' take at most {FilterLimits.MaxListValues} values; this one has {values.Count}.");
        if (ignoreCase && valueType == typeof(string))
            return Combine(values.Select(v => Equal(access, v, ignoreCase: true, nullable)), Expression.OrElse, false);
        var array = Array.CreateInstance(access.Type, values.Count);
        for (var i = 0; i < values.Count; i++) array.SetValue(Convert(values[i], access.Type), i);
        return Expression.Call(QueryMethods.EnumerableContains.MakeGenericMethod(access.Type), Expression.Constant(array), access);
    }

    private static Expression Compare(ExpressionType kind, Expression access, object value) =>
        QueryMethods.Compare(kind, access, Constant(value, access.Type));

    /// <summary>A string method (or, with <paramref name="method"/> null, equality) that is false for a missing value.</summary>
    private static Expression Text(MethodInfo? method, Expression access, object value, bool ignoreCase, bool nullable)
    {
        var text = (string)value;
        var subject = ignoreCase ? Expression.Call(access, ToLower) : access;
        var term = Expression.Constant(ignoreCase ? text.ToLowerInvariant() : text);
        Expression test = method is null ? QueryMethods.Compare(ExpressionType.Equal, subject, term) : Expression.Call(subject, method, term);
        return Guarded(access, nullable, test);
    }

    private static Expression Guarded(Expression access, bool nullable, Expression test) =>
        nullable ? Expression.AndAlso(QueryMethods.Compare(ExpressionType.NotEqual, access, Expression.Constant(null, access.Type)), test) : test;

    private static ConstantExpression Constant(object? value, Type type) => Expression.Constant(Convert(value, type), type);

    /// <summary>Stored times are UTC; an input time without an offset is taken as UTC too.</summary>
    public static DateTime Utc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);

    private static bool CanBeNull(Type type) => !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;

    /// <summary>GraphQL input values (int, double, DateTime, …) as the member's type.</summary>
    private static object? Convert(object? value, Type type)
    {
        if (value is null) return null;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return value switch
        {
            DateTime time => Utc(time),
            DateTimeOffset time => time.UtcDateTime,
            _ when target.IsInstanceOfType(value) => value,
            _ => System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static void CheckDepth(int depth)
    {
        if (depth > FilterLimits.MaxDepth)
            throw new FilterError("FILTER_TOO_DEEP", $"The filter nests deeper than {FilterLimits.MaxDepth} levels (and/or, embedded objects and lists).");
    }

    private void Count()
    {
        if (++_conditions > FilterLimits.MaxConditions)
            throw new FilterError("FILTER_TOO_LARGE", $"The filter has more than {FilterLimits.MaxConditions} operations.");
    }

    private static Expression Combine(IEnumerable<Expression> parts, Func<Expression, Expression, BinaryExpression> join, bool empty) =>
        parts.Aggregate((Expression?)null, (all, part) => all is null ? part : join(all, part)) ?? Expression.Constant(empty);

    private static IDictionary<string, object?> Dictionary(object? value) =>
        value as IDictionary<string, object?> ?? throw new FilterError("FILTER_INVALID", "Expected an input object.");

    private static IEnumerable<object?> Items(object? value) =>
        value as IEnumerable<object?> ?? (value as IEnumerable)?.Cast<object?>() ?? [value];
}

/// <summary>A filter the API will not run; the message says what to change.</summary>
public sealed class FilterError : ExecutionError
{
    public FilterError(string code, string message) : base(message) => Code = code;
}
