using System.Text;

namespace ElectionGraph.Storage.Seeding;

/// <summary>
/// An RFC 4180 CSV file read whole: a header row, then records that remember the line they start on,
/// so every error can point at file, line and field.
/// </summary>
internal sealed class CsvFile
{
    private CsvFile(string name, IReadOnlyList<string> header, IReadOnlyList<(int Line, string[] Fields)> records)
    {
        Name = name;
        Header = header;
        Records = records;
    }

    public string Name { get; }
    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<(int Line, string[] Fields)> Records { get; }

    public static CsvFile Parse(string name, string text)
    {
        var records = new List<(int Line, string[] Fields)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, recordLine = 1, i = 0;
        var quoted = false;

        void EndField() { fields.Add(field.ToString()); field.Clear(); }
        void EndRecord()
        {
            EndField();
            if (fields is not [""]) records.Add((recordLine, fields.ToArray()));
            fields.Clear();
            recordLine = line;
        }

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
            }
            else if (c == '"') quoted = true;
            else if (c == ',') EndField();
            else if (c == '\n') { line++; EndRecord(); }
            else if (c != '\r') field.Append(c);
        }

        if (quoted) throw new FormatException($"{name} line {recordLine}: a quoted field is not closed.");
        if (field.Length > 0 || fields.Count > 0) EndRecord();
        if (records.Count == 0) throw new FormatException($"{name}: the file has no header row.");
        return new CsvFile(name, records[0].Fields, records.Skip(1).ToList());
    }
}
