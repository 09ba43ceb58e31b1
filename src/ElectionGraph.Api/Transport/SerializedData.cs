using System.Text.Json;
using System.Text.Json.Serialization;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// An answer's <c>data</c>, already written as JSON: what <see cref="ResponseCache"/> keeps, and what an answer
/// carries in place of GraphQL.NET's result tree, so a kept answer is copied, never serialised again.
/// </summary>
/// <param name="ActualCost">The answer's actual cost (README, "The cost model"), counted once, on the tree.</param>
[JsonConverter(typeof(Converter))]
public sealed record SerializedData(ReadOnlyMemory<byte> Json, long ActualCost)
{
    private sealed class Converter : JsonConverter<SerializedData>
    {
        public override SerializedData Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Answers are written, never read.");

        // The bytes were written by the same serializer and options: no need to check them again.
        public override void Write(Utf8JsonWriter writer, SerializedData value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json.Span, skipInputValidation: true);
    }
}
