using System.Buffers;
using System.Text;
using ElectionGraph.Api.Transport;
using GraphQL;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Limits;

/// <summary>
/// An answer as JSON, in a buffer rented from the shared pool (an answer is often larger than the 85 KB past which
/// every new array is a large object, collected only with the oldest generation): dispose it once it is written.
/// A kept answer's data (<see cref="SerializedData"/>) is not copied in: it is written from where it is kept, in the
/// place of its envelope's <c>null</c>. <see cref="TooLarge"/> when it is the <c>RESPONSE_TOO_LARGE</c> error that
/// stands in for the answer.
/// </summary>
public sealed class SerializedAnswer : IDisposable
{
    private byte[]? _rented;
    private readonly int _length;
    private readonly SerializedData? _kept;
    private readonly int _keptAt;
    private byte[]? _joined;

    internal SerializedAnswer(byte[] rented, int length, bool tooLarge, SerializedData? kept = null, int keptAt = -1)
    {
        (_rented, _length, _kept, _keptAt) = (rented, length, kept, keptAt);
        TooLarge = tooLarge;
    }

    internal static ReadOnlySpan<byte> Null => "null"u8;

    public bool TooLarge { get; }

    /// <summary>The answer in one piece (a kept answer's copied together, once).</summary>
    public ReadOnlyMemory<byte> Json => _kept is null ? Rented.AsMemory(0, _length) : _joined ??= [.. Head.Span, .. _kept.Json.Span, .. Tail.Span];

    /// <summary>Whether the answer is kept data, which is sent gzipped without compressing it again (<see cref="GzippedData"/>).</summary>
    public bool Kept => _kept is not null;

    /// <summary>The answer's bytes in the order they are sent: a kept answer's data between its envelope's.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Parts => _kept is null ? [Json] : [Head, _kept.Json, Tail];

    /// <summary>A <see cref="Kept"/> answer gzipped, in the order sent: its data as deflated once, and its own tail.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> GzippedParts => Gzipped.Parts(Tail.Span);

    private GzippedData Gzipped => _kept?.Gzipped ?? throw new InvalidOperationException("Only kept answers are sent gzipped from what is kept.");

    private byte[] Rented => _rented ?? throw new ObjectDisposedException(nameof(SerializedAnswer));
    private ReadOnlyMemory<byte> Head => Rented.AsMemory(0, _keptAt);
    private ReadOnlyMemory<byte> Tail => Rented.AsMemory(_keptAt + Null.Length, _length - _keptAt - Null.Length);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _rented, null) is { } rented) ArrayPool<byte>.Shared.Return(rented);
    }
}

/// <summary>
/// Writes answers into a buffer that stops at <see cref="LimitsOptions.MaxResponseBytes"/>: an answer that
/// would be larger is never built in full, and a coded error (with the answer's extensions) is sent instead.
/// Every transport writes its answers here: HTTP (a batch's together), WebSocket and SSE payloads.
/// </summary>
public sealed class BoundedSerializer(IGraphQLTextSerializer serializer, IOptions<LimitsOptions> options)
{
    private int MaxBytes => options.Value.MaxResponseBytes;

    /// <returns>The answer, to be disposed once written.</returns>
    public SerializedAnswer Serialize(ExecutionResult result) => Serialize(result, MaxBytes);

    /// <param name="limit">The bytes this answer may take: what a batch has left.</param>
    private SerializedAnswer Serialize(ExecutionResult result, long limit)
    {
        if (result is { Executed: true, Errors: null, Data: SerializedData kept } && Envelope(result, kept, limit) is { } envelope) return envelope;
        var buffer = new PooledBuffer(limit);
        try
        {
            // Into memory: the write completes synchronously, so subscription events can be serialised where they arrive.
            serializer.WriteAsync(buffer, result).GetAwaiter().GetResult();
            return buffer.Detach(tooLarge: false);
        }
        catch (TooLargeException)
        {
            buffer.Dispose();
            var error = new LimitError("RESPONSE_TOO_LARGE",
                $"The answer is larger than {MaxBytes} bytes (a batch's answers together); ask for fewer items (first/last) or fields.", MaxBytes);
            var refusal = new PooledBuffer(long.MaxValue);
            serializer.WriteAsync(refusal, new ExecutionResult { Errors = [error], Extensions = result.Extensions }).GetAwaiter().GetResult();
            return refusal.Detach(tooLarge: true);
        }
    }

    /// <summary>A kept answer: its envelope (<c>{"data":null,…}</c>) written, the data to be written in the place of its null.</summary>
    /// <returns>Null where it would be too large (the refusal is written as for any answer).</returns>
    private SerializedAnswer? Envelope(ExecutionResult result, SerializedData kept, long limit)
    {
        var buffer = new PooledBuffer(limit);
        try
        {
            serializer.WriteAsync(buffer, new ExecutionResult { Executed = true, Extensions = result.Extensions }).GetAwaiter().GetResult();
            var written = buffer.Written;
            var opening = SerializedData.Opening;
            if (written.StartsWith(opening) && written[opening.Length..].StartsWith(SerializedAnswer.Null)
                && written.Length - SerializedAnswer.Null.Length + kept.Json.Length <= limit)
                return buffer.Detach(kept, opening.Length);
        }
        catch (TooLargeException)
        {
        }

        buffer.Dispose();
        return null;
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
            using var answer = Serialize(batch[i], remaining);
            remaining -= answer.Json.Length;
            json.Write(answer.Json.Span);
        }

        json.Write("]"u8);
        return json.WrittenMemory;
    }

    private sealed class TooLargeException : Exception;

    /// <summary>A write-only stream into arrays rented from the shared pool, growing by doubling, refusing past its limit.</summary>
    private sealed class PooledBuffer(long limit) : Stream
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
        private int _length;

        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        /// <summary>Hands the buffer over to the answer, which returns it to the pool.</summary>
        public SerializedAnswer Detach(bool tooLarge)
        {
            var answer = new SerializedAnswer(_buffer, _length, tooLarge);
            _buffer = [];
            return answer;
        }

        /// <summary>Hands the buffer over as a kept answer's envelope, its data to be written at <paramref name="at"/>.</summary>
        public SerializedAnswer Detach(SerializedData kept, int at)
        {
            var answer = new SerializedAnswer(_buffer, _length, tooLarge: false, kept, at);
            _buffer = [];
            return answer;
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_length + (long)buffer.Length > limit) throw new TooLargeException();
            if (_length + buffer.Length > _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + buffer.Length));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            buffer.CopyTo(_buffer.AsSpan(_length));
            _length += buffer.Length;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void WriteByte(byte value) => Write([value]);

        protected override void Dispose(bool disposing)
        {
            if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            base.Dispose(disposing);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
