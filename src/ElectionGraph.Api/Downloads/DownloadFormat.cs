namespace ElectionGraph.Api.Downloads;

/// <summary>A file format a list downloads as: its extension, its media type and the writer of its rows.</summary>
public sealed record DownloadFormat(string Extension, string MediaType, Func<IReadOnlyList<Column>, Stream, RowWriter> Writer)
{
    /// <summary>RFC 4180 with a header row (RFC 7111's <c>header=present</c>), one row per item.</summary>
    public static readonly DownloadFormat Csv = new("csv", "text/csv", (columns, page) => new CsvRows(columns, page));

    /// <summary>
    /// JSON Lines: one item a line, as the GraphQL answer would hold it. No media type is registered for it;
    /// <c>application/x-ndjson</c> is the one HTTP clients, proxies and tools (Elasticsearch, jq users) already know.
    /// </summary>
    public static readonly DownloadFormat JsonLines = new("jsonl", "application/x-ndjson", (columns, page) => new JsonLinesRows(columns, page));

    public static readonly IReadOnlyList<DownloadFormat> All = [Csv, JsonLines];

    public string ContentType => MediaType == Csv.MediaType ? $"{MediaType}; charset=utf-8; header=present" : $"{MediaType}; charset=utf-8";
}

/// <summary>
/// Writes rows into the page buffer (synchronously: the endpoint sends each page asynchronously), counting
/// the objects it writes, the measure of the cost model.
/// </summary>
public abstract class RowWriter : IDisposable
{
    public abstract void WriteHeader();

    /// <returns>The objects written: the row, and each embedded object in it that is present.</returns>
    public abstract long Write(object row);

    /// <summary>Everything written so far into the page buffer.</summary>
    public abstract void Flush();

    public abstract void Dispose();
}
