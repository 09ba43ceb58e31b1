using CsvHelper;

namespace ElectionGraph.Api.Downloads;

/// <summary>
/// A row a line, written with CsvHelper. Embedded objects are flattened into dotted columns
/// (<c>council.code</c>), left empty when the object is missing; a list of scalars is one column, its values
/// joined by <c>;</c>; lists of objects are left out (their items are lists of their own, such as
/// <c>seatChanges</c>, and are whole in JSON Lines).
/// </summary>
public sealed class CsvRows(IReadOnlyList<Column> columns, Stream page) : RowWriter
{
    private readonly CsvWriter _csv = CsvWriter.Create(page, new CsvWriterOptions(), leaveOpen: true);

    public override void WriteHeader()
    {
        foreach (var (name, _) in Column.Flattened(columns)) _csv.WriteField(name);
        _csv.EndRecord();
    }

    public override long Write(object row)
    {
        var objects = 1 + Fields(columns, row);
        _csv.EndRecord();
        return objects;
    }

    /// <returns>The embedded objects written.</returns>
    private long Fields(IReadOnlyList<Column> of, object? source)
    {
        long objects = 0;
        foreach (var column in of)
        {
            var value = column.Read(source);
            switch (column)
            {
                case { Fields: null, IsList: false }:
                    _csv.WriteField(Column.Text(column.Output(value)));
                    break;
                case { Fields: null }:
                    _csv.WriteField(value is null ? null : string.Join(';', ((System.Collections.IEnumerable)value).Cast<object>().Select(item => Column.Text(column.Output(item)))));
                    break;
                case { IsList: false }:
                    objects += (value is null ? 0 : 1) + Fields(column.Fields, value);
                    break;
            }
        }

        return objects;
    }

    public override void Flush() => _csv.Flush();

    public override void Dispose() => _csv.Dispose();
}
