using System.Buffers;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;

namespace ElectionGraph.Api.Execution;

/// <summary>
/// GraphQL.NET's System.Text.Json serializer, configured as answers are written (<see cref="AnswerJson"/>), which
/// also writes an answer into a buffer as it goes. Its own <c>WriteAsync</c> serialises asynchronously to a stream,
/// with the machinery that takes for every answer, however small: the envelope of a kept answer took a third of the
/// GraphQL work of serving it (bench/README.md).
/// </summary>
public sealed class AnswerSerializer(IErrorInfoProvider errors) : GraphQLSerializer(json => json.Encoder = AnswerJson.Encoder, errors)
{
    /// <summary>Writes the answer into the buffer: what the buffer refuses (an answer past its limit) stops the write.</summary>
    public void Write(IBufferWriter<byte> buffer, ExecutionResult answer)
    {
        using var writer = new Utf8JsonWriter(buffer, AnswerJson.WriterOptions);
        JsonSerializer.Serialize(writer, answer, SerializerOptions);
        writer.Flush();
    }
}
