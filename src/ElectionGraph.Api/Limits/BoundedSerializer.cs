using System.Buffers;
using ElectionGraph.Api.Execution;
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
public sealed class BoundedSerializer(AnswerSerializer serializer, IOptions<LimitsOptions> options)
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
            serializer.Write(buffer, result);
            return buffer.Detach(tooLarge: false);
        }
        catch (TooLargeException)
        {
            buffer.Dispose();
            var error = new LimitError("RESPONSE_TOO_LARGE",
                $"The answer is larger than {MaxBytes} bytes (a batch's answers together); ask for fewer items (first/last) or fields.", MaxBytes);
            var refusal = new PooledBuffer(long.MaxValue);
            serializer.Write(refusal, new ExecutionResult { Errors = [error], Extensions = result.Extensions });
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
            serializer.Write(buffer, new ExecutionResult { Executed = true, Extensions = result.Extensions });
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

    /// <summary>
    /// Arrays rented from the shared pool, growing by doubling, refusing what is written past its limit. The limit
    /// holds on what is written, not on what a writer asks room for (a JSON writer asks for 4 KB at a time).
    /// </summary>
    private sealed class PooledBuffer(long limit) : IBufferWriter<byte>, IDisposable
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

        public void Advance(int count)
        {
            if (_length + (long)count > limit) throw new TooLargeException();
            _length += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => Room(sizeHint).AsMemory(_length);

        public Span<byte> GetSpan(int sizeHint = 0) => Room(sizeHint).AsSpan(_length);

        private byte[] Room(int sizeHint)
        {
            var needed = _length + Math.Max(sizeHint, 1);
            if (needed > _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, needed));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            return _buffer;
        }

        public void Dispose()
        {
            if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
