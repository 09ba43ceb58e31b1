namespace ElectionGraph.Api.Transport;

/// <summary>The <c>ElectionGraph:ResponseCache</c> configuration section.</summary>
public sealed class ResponseCacheOptions
{
    public const string Section = "ElectionGraph:ResponseCache";

    /// <summary>Whether answers to queries are kept between requests (off: every query runs).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The most the kept answers may take together, in bytes; the least recently used go first.</summary>
    public long MaxBytes { get; set; } = 64 * 1024 * 1024;
}
