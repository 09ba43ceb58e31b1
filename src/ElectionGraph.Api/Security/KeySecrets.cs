using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ElectionGraph.Api.Security;

/// <summary>API keys themselves: made once, then known to the server only by their hash.</summary>
public static class KeySecrets
{
    /// <summary>Recognisable prefixes, so a leaked key can be found (and told apart from a rehearsal one).</summary>
    public const string LivePrefix = "eg_live_", TestPrefix = "eg_test_";

    private const int RandomBytes = 32;

    /// <summary>Random characters kept in a key's display prefix: enough to tell keys apart, far too few to use one.</summary>
    private const int ShownCharacters = 6;

    /// <param name="Secret">The key: given to its holder once, never stored.</param>
    /// <param name="Prefix">What is shown of it afterwards.</param>
    public sealed record Issued(string Secret, string Prefix, string Hash);

    public static Issued New(bool test)
    {
        var secret = (test ? TestPrefix : LivePrefix) + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
        return new Issued(secret, secret[..(LivePrefix.Length + ShownCharacters)], Hash(secret));
    }

    /// <summary>
    /// Plain SHA-256, without salt or stretching: those protect guessable passwords, and a key is 256 random
    /// bits, so its hash can neither be reversed nor its key guessed. Unsalted, the hash is also the index a
    /// presented key is looked up by.
    /// </summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A key's id: random, and unrelated to the key, so it can be shown, logged and used as a partition.</summary>
    public static string NewId() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
