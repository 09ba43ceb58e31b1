using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.Net.Http.Headers;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// A kept answer's opening and data (<c>{"data":…</c>) deflated once, so that an answer sent gzipped from it is
/// compressed by no request. What follows the data (the cost and budget) differs from answer to answer: the kept part
/// ends on a byte boundary with no final block (a sync flush), and each answer's tail follows it as a stored block —
/// a deflate stream may be made of blocks deflated apart (RFC 1951, 3.2.3–3.2.4), wrapped as one gzip member
/// (RFC 1952) whose CRC-32 continues from the kept part's.
/// </summary>
public sealed class GzippedData
{
    private static readonly byte[] Header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]; // deflate, no name or time, OS unknown
    private const int MaxStored = ushort.MaxValue;

    private readonly ReadOnlyMemory<byte> _blocks;
    private readonly uint _crc;
    private readonly long _length;

    public GzippedData(ReadOnlySpan<byte> head, ReadOnlySpan<byte> data)
    {
        using var deflated = new MemoryStream();
        using (var deflate = new DeflateStream(deflated, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(head);
            deflate.Write(data);
            deflate.Flush(); // a sync flush: ends on a byte boundary, and what follows may be any block
            _blocks = deflated.ToArray();
        }

        _crc = Crc32.Append(Crc32.Append(Crc32.Initial, head), data);
        _length = head.Length + data.Length;
    }

    /// <summary>Whether the request takes gzip (RFC 9110, 12.5.3: named, or <c>*</c>, with a quality above 0).</summary>
    public static bool AcceptedBy(HttpRequest request)
    {
        var header = request.Headers.AcceptEncoding;
        if (header.Count == 0 || !StringWithQualityHeaderValue.TryParseList(header, out var codings)) return false;
        double? gzip = null, any = null;
        foreach (var coding in codings)
        {
            if (coding.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Value.Equals("x-gzip", StringComparison.OrdinalIgnoreCase)) gzip = coding.Quality ?? 1;
            else if (coding.Value.Equals("*", StringComparison.Ordinal)) any = coding.Quality ?? 1;
        }

        return (gzip ?? any ?? 0) > 0;
    }

    /// <summary>The gzip member with <paramref name="tail"/> after the kept part, in the order sent.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Parts(ReadOnlySpan<byte> tail) => [Header, _blocks, Ending(tail)];

    /// <summary>The tail in stored blocks, the last of them final, and the gzip trailer (CRC-32 and length of all).</summary>
    private byte[] Ending(ReadOnlySpan<byte> tail)
    {
        var ending = new byte[StoredLength(tail.Length) + 8];
        var at = 0;
        var rest = tail;
        do
        {
            var block = rest[..Math.Min(rest.Length, MaxStored)];
            rest = rest[block.Length..];
            ending[at] = rest.IsEmpty ? (byte)1 : (byte)0; // BFINAL, and BTYPE 00: stored
            BinaryPrimitives.WriteUInt16LittleEndian(ending.AsSpan(at + 1), (ushort)block.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(ending.AsSpan(at + 3), (ushort)~block.Length);
            block.CopyTo(ending.AsSpan(at + 5));
            at += 5 + block.Length;
        }
        while (!rest.IsEmpty);

        BinaryPrimitives.WriteUInt32LittleEndian(ending.AsSpan(at), Crc32.Final(Crc32.Append(_crc, tail)));
        BinaryPrimitives.WriteUInt32LittleEndian(ending.AsSpan(at + 4), unchecked((uint)(_length + tail.Length)));
        return ending;
    }

    /// <summary>Stored blocks of at most 65,535 bytes, each with its 5-byte header; an empty tail is one empty block.</summary>
    private static int StoredLength(int tail) => tail + 5 * Math.Max(1, (tail + MaxStored - 1) / MaxStored);

    /// <summary>
    /// CRC-32 as gzip has it (reflected, polynomial 0xEDB88320), kept as its running register so that it can go on from
    /// where the kept part left it: System.IO.Hashing's gives only the finished value.
    /// </summary>
    private static class Crc32
    {
        public const uint Initial = 0xffffffff;

        private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
        {
            var c = (uint)n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xedb88320 ^ (c >> 1) : c >> 1;
            return c;
        }).ToArray();

        public static uint Append(uint register, ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes) register = Table[(register ^ b) & 0xff] ^ (register >> 8);
            return register;
        }

        public static uint Final(uint register) => ~register;
    }
}
