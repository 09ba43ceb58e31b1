using System.Text.Json;
using System.Text.Json.Serialization;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// An answer's <c>data</c>, already written as JSON: what <see cref="ResponseCache"/> keeps, and what an answer
/// carries in place of GraphQL.NET's result tree, so a kept answer is copied, never serialised again.
/// </summary>
/// <param name="ActualCost">The answer's actual cost (README, "The cost model"), counted once, on the tree.</param>
[JsonConverter(typeof(Converter))]
public sealed class SerializedData(ReadOnlyMemory<byte> json, long actualCost)
{
    private GzippedData? _gzipped;

    /// <summary>How every answer with data opens, before the data.</summary>
    public static ReadOnlySpan<byte> Opening => "{\"data\":"u8;

    public ReadOnlyMemory<byte> Json => json;

    public long ActualCost => actualCost;

    /// <summary>The answer's opening and this data deflated, made when first sent gzipped.</summary>
    public GzippedData Gzipped => LazyInitializer.EnsureInitialized(ref _gzipped, () => new GzippedData(Opening, json.Span));

    /// <summary>The most the data and its gzipped form may take together (past zlib's bound on what deflate may make of n bytes).</summary>
    public long Size => json.Length + (Opening.Length + json.Length) * 2049L / 2048 + 32;

    private sealed class Converter : JsonConverter<SerializedData>
    {
        public override SerializedData Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Answers are written, never read.");

        // The bytes were written by the same serializer and options: no need to check them again.
        public override void Write(Utf8JsonWriter writer, SerializedData value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json.Span, skipInputValidation: true);
    }
}
