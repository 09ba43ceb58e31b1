using System.Security.Cryptography;
using System.Text;

namespace ElectionGraph.Domain.Webhooks;

/// <summary>
/// A delivery's signature, as Stripe's and GitHub's webhooks sign theirs: HMAC-SHA-256, keyed with the webhook's
/// secret, over <c>{timestamp}.{body}</c> (the timestamp header's digits, a full stop, the body's bytes), in lowercase
/// hex after <c>v1=</c>. The header holds one such value per secret in use, comma-separated: during a rotation's grace
/// period the previous secret's too.
/// </summary>
public static class WebhookSignature
{
    public const string Scheme = "v1";

    public static string Header(IEnumerable<string> secrets, long timestamp, ReadOnlySpan<byte> body)
    {
        var signed = Signed(timestamp, body);
        return string.Join(",", secrets.Select(secret => $"{Scheme}={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))}"));
    }

    /// <summary>Whether <paramref name="header"/> holds a signature of the body and timestamp with <paramref name="secret"/> (compared in constant time).</summary>
    public static bool Verify(string secret, string header, long timestamp, ReadOnlySpan<byte> body)
    {
        var expected = Encoding.ASCII.GetBytes(Header([secret], timestamp, body));
        return header.Split(',', StringSplitOptions.TrimEntries).Any(value =>
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(value), expected));
    }

    private static byte[] Signed(long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes($"{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return signed;
    }
}
