using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// Sends an answer made of parts (a kept answer's data between its envelope's bytes) in one write. Kestrel flushes
/// every write to a response's stream, and each flush is a send of its own: the kept map went out in two or three,
/// where the bare-Kestrel bound sends one (bench/README.md).
/// </summary>
public static class ResponseBody
{
    public static async Task WriteAsync(HttpResponse response, IReadOnlyList<ReadOnlyMemory<byte>> parts, CancellationToken cancellationToken)
    {
        var length = 0;
        foreach (var part in parts) length += part.Length;
        response.ContentLength = length;
        if (response.HttpContext.Features.Get<IHttpsCompressionFeature>() is null)
        {
            // The server's own pipe: the parts are copied in, as a stream's write would copy them, and flushed once.
            // Started first, so the headers are in the pipe before them: Kestrel keeps what is written before the
            // headers aside and copies it in again behind them (for the kept map, 97 KB more copied an answer).
            await response.StartAsync(cancellationToken);
            foreach (var part in parts) response.BodyWriter.Write(part.Span);
            await response.BodyWriter.FlushAsync(cancellationToken);
            return;
        }

        // Behind the compression middleware, whose pipe is an adapter writing each of its small segments to the
        // stream: the parts are joined in a pooled buffer and written once.
        if (parts.Count == 1)
        {
            await response.Body.WriteAsync(parts[0], cancellationToken);
            return;
        }

        var joined = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var at = 0;
            foreach (var part in parts)
            {
                part.Span.CopyTo(joined.AsSpan(at));
                at += part.Length;
            }

            await response.Body.WriteAsync(joined.AsMemory(0, length), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(joined);
        }
    }
}
