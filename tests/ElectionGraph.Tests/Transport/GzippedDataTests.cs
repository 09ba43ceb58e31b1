using System.IO.Compression;
using System.Text;
using ElectionGraph.Api.Transport;
using Microsoft.AspNetCore.Http;

namespace ElectionGraph.Tests.Transport;

/// <summary>A kept answer deflated once and sent with each answer's own tail is one valid gzip member of the whole answer.</summary>
public sealed class GzippedDataTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes(
        "{\"councils\":[" + string.Join(',', Enumerable.Range(0, 3000).Select(i => $"{{\"name\":\"Council {i}\",\"seats\":{i % 97}}}")) + "]}");

    private static byte[] Gzip(GzippedData gzipped, byte[] tail) => [.. gzipped.Parts(tail).SelectMany(part => part.ToArray())];

    private static byte[] Gunzip(byte[] gzip)
    {
        using var decoded = new MemoryStream();
        using (var gunzip = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress)) gunzip.CopyTo(decoded);
        return decoded.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    [InlineData(65_535)]
    [InlineData(140_000)] // three stored blocks
    public void Decodes_to_the_opening_the_data_and_the_tail(int tailLength)
    {
        var tail = Encoding.ASCII.GetBytes(new string('x', tailLength));
        var gzipped = new GzippedData(SerializedData.Opening, Data);

        var gzip = Gzip(gzipped, tail);

        Assert.Equal([.. SerializedData.Opening, .. Data, .. tail], Gunzip(gzip));
        Assert.True(gzip.Length - tail.Length < Data.Length / 4, $"{gzip.Length} bytes"); // the data was deflated, the tail stored
    }

    [Fact]
    public void The_decoder_checks_the_trailer_so_a_wrong_checksum_or_length_is_refused()
    {
        var gzip = Gzip(new GzippedData(SerializedData.Opening, Data), ",\"extensions\":{}}"u8.ToArray());

        foreach (var at in new[] { gzip.Length - 8, gzip.Length - 1 }) // a byte of the CRC-32, of the length
        {
            var corrupt = gzip.ToArray();
            corrupt[at] ^= 1;
            Assert.Throws<InvalidDataException>(() => Gunzip(corrupt));
        }
    }

    [Theory]
    [InlineData("gzip", true)]
    [InlineData("gzip, deflate, br, zstd", true)]
    [InlineData("br;q=1.0, x-gzip;q=0.5", true)]
    [InlineData("*", true)]
    [InlineData("br", false)]
    [InlineData("gzip;q=0, br", false)]
    [InlineData("*, gzip;q=0", false)]
    [InlineData("identity", false)]
    [InlineData("", false)]
    public void Gzip_is_sent_only_where_the_request_takes_it(string acceptEncoding, bool accepted)
    {
        var http = new DefaultHttpContext();
        if (acceptEncoding.Length > 0) http.Request.Headers.AcceptEncoding = acceptEncoding;

        Assert.Equal(accepted, GzippedData.AcceptedBy(http.Request));
    }
}
