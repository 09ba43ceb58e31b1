using System.Buffers;
using System.Text;
using GraphQL;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Limits;

/// <summary>An answer as JSON; <paramref name="TooLarge"/> when it is the <c>RESPONSE_TOO_LARGE</c> error that stands in for it.</summary>
public readonly record struct SerializedAnswer(ReadOnlyMemory<byte> Json, bool TooLarge);

/// <summary>
/// Writes answers into a buffer that stops at <see cref="LimitsOptions.MaxResponseBytes"/>: an answer that
/// would be larger is never built in full, and a coded error (with the answer's extensions) is sent instead.
/// Every transport writes its answers here: HTTP (a batch's together), WebSocket and SSE payloads.
/// </summary>
public sealed class BoundedSerializer(IGraphQLTextSerializer serializer, IOptions<LimitsOptions> options)
{
    private int MaxBytes => options.Value.MaxResponseBytes;

    public SerializedAnswer Serialize(ExecutionResult result) => Serialize(result, MaxBytes);

    /// <param name="limit">The bytes this answer may take: what a batch has left.</param>
    private SerializedAnswer Serialize(ExecutionResult result, long limit)
    {
        var buffer = new BoundedBuffer(limit);
        try
        {
            // Into memory: the write completes synchronously, so subscription events can be serialised where they arrive.
            serializer.WriteAsync(buffer, result).GetAwaiter().GetResult();
            return new SerializedAnswer(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), false);
        }
        catch (TooLargeException)
        {
            var error = new LimitError("RESPONSE_TOO_LARGE",
                $"The answer is larger than {MaxBytes} bytes (a batch's answers together); ask for fewer items (first/last) or fields.", MaxBytes);
            return new SerializedAnswer(Encoding.UTF8.GetBytes(serializer.Serialize(new ExecutionResult { Errors = [error], Extensions = result.Extensions })), true);
        }
    }

    /// <summary>A batch's answers as one JSON array: they share the limit, and only those past it are replaced.</summary>
    public ReadOnlyMemory<byte> Serialize(IReadOnlyList<ExecutionResult> batch)
    {
        var json = new ArrayBufferWriter<byte>();
        json.Write("["u8);
        long remaining = MaxBytes;
        for (var i = 0; i < batch.Count; i++)
        {
            if (i > 0) json.Write(","u8);
            var answer = Serialize(batch[i], remaining).Json;
            remaining -= answer.Length;
            json.Write(answer.Span);
        }

        json.Write("]"u8);
        return json.WrittenMemory;
    }

    private sealed class TooLargeException : Exception;

    private sealed class BoundedBuffer(long limit) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            Check(count);
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Check(buffer.Length);
            base.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Check(count);
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Check(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override void WriteByte(byte value)
        {
            Check(1);
            base.WriteByte(value);
        }

        private void Check(int count)
        {
            if (Length + count > limit) throw new TooLargeException();
        }
    }
}
