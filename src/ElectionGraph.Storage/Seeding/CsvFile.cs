using CsvHelper;

namespace ElectionGraph.Storage.Seeding;

/// <summary>
/// An RFC 4180 CSV file read whole with CsvHelper: a header row, then records that remember the line they
/// start on, so every error can point at file, line and field.
/// </summary>
internal sealed class CsvFile
{
    private static readonly CsvReaderOptions Options = new()
    {
        Separator = ',', // never guessed: a seed file with a semicolon in its first row is still comma-separated
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Throw, // a stray or unclosed quote is an error, not a guess
    };

    private CsvFile(string name, IReadOnlyList<string> header, IReadOnlyList<(int Line, string[] Fields)> records)
    {
        Name = name;
        Header = header;
        Records = records;
        Columns = header.Select((column, index) => (column, index)).DistinctBy(c => c.column).ToDictionary(c => c.column, c => c.index);
    }

    public string Name { get; }
    public IReadOnlyList<string> Header { get; }

    /// <summary>Each column's index (the first, should a name repeat): looked up for every field read, tens of thousands of times for the candidates.</summary>
    public IReadOnlyDictionary<string, int> Columns { get; }
    public IReadOnlyList<(int Line, string[] Fields)> Records { get; }

    /// <exception cref="CsvFormatException">The file is not well-formed CSV (the exception names the line).</exception>
    /// <exception cref="FormatException">The file has no header row.</exception>
    public static CsvFile Read(string path, string name)
    {
        using var reader = CsvReader.FromFile(path, Options);
        reader.ReadHeader();
        if (reader.Headers.Count == 0) throw new FormatException("the file has no header row");
        var records = new List<(int Line, string[] Fields)>();
        while (reader.Read()) records.Add(((int)reader.LineNumber, reader.Current.ToArray()));
        return new CsvFile(name, reader.Headers, records);
    }
}
