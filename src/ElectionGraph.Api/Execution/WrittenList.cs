using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ElectionGraph.Api.Execution;

/// <summary>
/// A list's items already written as JSON, set as its execution node's serialised result: GraphQL.NET's serializer
/// writes the list from it (each item through <see cref="Item"/>'s converter, raw) instead of from a node for every
/// field of every item.
/// </summary>
/// <param name="ActualCost">The items' actual cost, as <see cref="Limits.ActualCost"/> counts a tree.</param>
public sealed class WrittenList(List<WrittenList.Item> items, long actualCost) : IEnumerable
{
    public long ActualCost { get; } = actualCost;

    public IEnumerator GetEnumerator() => items.GetEnumerator();

    /// <summary>One item: its own small array, so a large list never becomes one large-object allocation.</summary>
    [JsonConverter(typeof(Converter))]
    public sealed record Item(byte[] Json);

    private sealed class Converter : JsonConverter<Item>
    {
        public override Item Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Answers are written, never read.");

        // Written by AnswerJson's writer, with the serializer's encoder: no need to check it again.
        public override void Write(Utf8JsonWriter writer, Item value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}
