using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ElectionGraph.Api.Limits;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQLParser.AST;

namespace ElectionGraph.Api.Execution;

/// <summary>
/// A selection over an object type in which every field only reads a member of its object (GraphQL.NET's own
/// expression resolver, which says so) or resolves in memory (<see cref="InMemoryFields"/>), down to scalars, through
/// objects and lists of them: the results map's councils, controls and seat rows. Such a selection needs none of the
/// execution's machinery (no pending loaders, no arguments, no fragments or directives that variables could switch),
/// so its objects are written to JSON as they are read — the same values, through the same resolvers and scalars, as
/// GraphQL.NET would write. Anything it does not expect (a null where the schema promises a value, a value of another
/// type, a pending loader) gives up the write, and GraphQL.NET executes the list as usual, errors and all.
/// </summary>
internal sealed class PropertySelection
{
    private readonly IObjectGraphType _type;
    private readonly Field[] _fields;

    private PropertySelection(IObjectGraphType type, Field[] fields) => (_type, _fields) = (type, fields);

    /// <param name="Name">The response key (the alias, if any).</param>
    /// <param name="Resolver">Null for <c>__typename</c>, whose value is <paramref name="TypeName"/>.</param>
    /// <param name="Points">The field's own cost points (README, "The cost model"), the same for every object.</param>
    private sealed record Field(JsonEncodedText Name, IFieldResolver? Resolver, ValueWriter Value, long Points, string? TypeName = null);

    private static readonly ConditionalWeakTable<GraphQLSelectionSet, ConcurrentDictionary<IObjectGraphType, PropertySelection?>> Planned = new();

    /// <summary>The selection for this type, planned once for each parsed document (documents are cached).</summary>
    public static PropertySelection? Of(ISchema schema, IObjectGraphType type, GraphQLSelectionSet? selectionSet)
    {
        if (selectionSet is null) return null;
        var planned = Planned.GetOrCreateValue(selectionSet);
        return planned.TryGetValue(type, out var known) ? known : planned[type] = Plan(schema, type, selectionSet);
    }

    private static PropertySelection? Plan(ISchema schema, IObjectGraphType type, GraphQLSelectionSet selectionSet)
    {
        var fields = new List<Field>(selectionSet.Selections.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var selection in selectionSet.Selections)
        {
            // Fragments and directives are left to GraphQL.NET: merging them, or a variable switching a field, is its work.
            if (selection is not GraphQLField { Directives: null or { Count: 0 }, Arguments: null or { Count: 0 } } field) return null;
            var key = (field.Alias?.Name ?? field.Name).StringValue;
            if (!keys.Add(key)) return null; // a key asked twice is merged by GraphQL.NET

            var name = JsonEncodedText.Encode(key, AnswerJson.Encoder);
            if (field.Name == schema.TypeNameMetaFieldType.Name)
            {
                fields.Add(new Field(name, null, ValueWriter.For(schema, schema.TypeNameMetaFieldType.ResolvedType!, null)!, 0, type.Name));
                continue;
            }

            if (type.GetField(field.Name) is not { Resolver: { } resolver, ResolvedType: { } fieldType } definition
                || !(ReadsMember(resolver) || definition.IsInMemory())
                || ValueWriter.For(schema, fieldType, field.SelectionSet) is not { } value)
                return null;
            fields.Add(new Field(name, resolver, value, Points.OfField(definition, field, Inputs.Empty)));
        }

        return new PropertySelection(type, [.. fields]);
    }

    /// <summary>GraphQL.NET's resolver of <c>Field(x => x.Member)</c>, which needs nothing of the context but its source.</summary>
    private static bool ReadsMember(IFieldResolver resolver) =>
        resolver.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ExpressionFieldResolver<,>)
        && resolver is IRequiresResolveFieldContextAccessor { RequiresResolveFieldContextAccessor: false };

    /// <summary>Writes one object; false, with the writer's output to be discarded, where GraphQL.NET must execute it.</summary>
    /// <param name="cost">Adds the object's actual cost, as <see cref="ActualCost"/> counts it on a tree.</param>
    public bool TryWrite(Utf8JsonWriter writer, object source, Reading reading, ref long cost)
    {
        if (_type.IsTypeOf is { } isTypeOf && !_type.SkipTypeCheck && !isTypeOf(source)) return false;
        cost = Points.Sum(cost, 1);
        writer.WriteStartObject();
        foreach (var field in _fields)
        {
            writer.WritePropertyName(field.Name);
            cost = Points.Sum(cost, field.Points);
            object? value = field.TypeName;
            if (field.Resolver is not null && !reading.TryRead(field.Resolver, source, out value)) return false;
            if (!field.Value.TryWrite(writer, value, reading, ref cost)) return false;
        }

        writer.WriteEndObject();
        return true;
    }

    /// <summary>How one value of a field is written: a scalar, an object of its own selection, or a list of either.</summary>
    internal abstract class ValueWriter(bool nonNull)
    {
        public static ValueWriter? For(ISchema schema, IGraphType type, GraphQLSelectionSet? selectionSet)
        {
            var nonNull = type is NonNullGraphType;
            var named = type is NonNullGraphType wrapped ? wrapped.ResolvedType! : type;
            return named switch
            {
                ScalarGraphType scalar => new Scalar(scalar, nonNull),
                ListGraphType { ResolvedType: { } item } => For(schema, item, selectionSet) is { } items ? new List(items, nonNull) : null,
                IObjectGraphType objectType => Of(schema, objectType, selectionSet) is { } selection ? new Object(selection, nonNull) : null,
                _ => null, // interfaces and unions: GraphQL.NET resolves their types
            };
        }

        public bool TryWrite(Utf8JsonWriter writer, object? value, Reading reading, ref long cost)
        {
            if (value is not null) return TryWriteValue(writer, value, reading, ref cost);
            if (nonNull) return false;
            writer.WriteNullValue();
            return true;
        }

        protected abstract bool TryWriteValue(Utf8JsonWriter writer, object value, Reading reading, ref long cost);
    }

    private sealed class Scalar(ScalarGraphType type, bool nonNull) : ValueWriter(nonNull)
    {
        protected override bool TryWriteValue(Utf8JsonWriter writer, object value, Reading reading, ref long cost)
        {
            object? serialized;
            try
            {
                serialized = type.Serialize(value);
            }
            catch (Exception)
            {
                return false; // GraphQL.NET reports it, with the field's path
            }

            return serialized is null ? TryWrite(writer, null, reading, ref cost) : AnswerJson.TryWriteScalar(writer, serialized);
        }
    }

    private sealed class Object(PropertySelection selection, bool nonNull) : ValueWriter(nonNull)
    {
        protected override bool TryWriteValue(Utf8JsonWriter writer, object value, Reading reading, ref long cost) =>
            selection.TryWrite(writer, value, reading, ref cost);
    }

    private sealed class List(ValueWriter items, bool nonNull) : ValueWriter(nonNull)
    {
        protected override bool TryWriteValue(Utf8JsonWriter writer, object value, Reading reading, ref long cost)
        {
            if (value is not IEnumerable list || value is string) return false;
            writer.WriteStartArray();
            foreach (var item in list)
                if (!items.TryWrite(writer, item, reading, ref cost)) return false;
            writer.WriteEndArray();
            return true;
        }
    }
}

/// <summary>
/// The context the resolvers read their source (and the in-memory ones the request's services) from: one for each
/// written list, as a resolver may keep its context while it runs.
/// </summary>
internal sealed class Reading(IServiceProvider? services, IDictionary<string, object?> userContext)
{
    private readonly ResolveFieldContext _context = new() { RequestServices = services, UserContext = userContext };

    public bool TryRead(IFieldResolver resolver, object source, out object? value)
    {
        value = null;
        _context.Source = source;
        try
        {
            var read = resolver.ResolveAsync(_context);
            if (!read.IsCompletedSuccessfully || read.Result is IDataLoaderResult) return false; // pending: GraphQL.NET's work
            value = read.Result;
            return true;
        }
        catch (Exception)
        {
            return false; // GraphQL.NET reports it, with the field's path
        }
    }
}
