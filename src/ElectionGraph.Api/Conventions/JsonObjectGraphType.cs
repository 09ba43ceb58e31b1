using GraphQL.Types;
using GraphQLParser.AST;

namespace ElectionGraph.Api.Conventions;

/// <summary>
/// <c>JSONObject</c>: a JSON object, given as a variable's value or written inline as a GraphQL object literal
/// (without variables inside it), and answered as a JSON object.
/// </summary>
public sealed class JsonObjectGraphType : ScalarGraphType
{
    public JsonObjectGraphType()
    {
        Name = "JSONObject";
        Description = "A JSON object: in variables as JSON, in a document as an object literal.";
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLObjectValue literal => Literal(literal),
        _ => ThrowLiteralConversionError(value, "Expected an object."),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        IDictionary<string, object?> or IReadOnlyDictionary<string, object?> => value,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => ParseValue(value);

    private object? Literal(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLObjectValue o => (o.Fields ?? []).ToDictionary(f => f.Name.StringValue, f => Literal(f.Value)),
        GraphQLListValue l => (l.Values ?? []).Select(Literal).ToList(),
        GraphQLStringValue s => s.Value.ToString(),
        GraphQLBooleanValue b => b.BoolValue,
        GraphQLIntValue i => long.TryParse(i.Value.Span, out var whole) ? whole : decimal.Parse(i.Value.Span, System.Globalization.CultureInfo.InvariantCulture),
        GraphQLFloatValue f => double.Parse(f.Value.Span, System.Globalization.CultureInfo.InvariantCulture),
        GraphQLEnumValue e => e.Name.StringValue,
        _ => ThrowLiteralConversionError(value, "A JSON object holds no variables."),
    };
}
