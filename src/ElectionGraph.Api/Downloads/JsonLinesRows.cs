using System.Collections;
using System.Text.Json;
using ElectionGraph.Api.Execution;

namespace ElectionGraph.Api.Downloads;

/// <summary>A row a line, as a JSON object shaped as the GraphQL answer would hold it: embedded objects and lists whole.</summary>
public sealed class JsonLinesRows(IReadOnlyList<Column> columns, Stream page) : RowWriter
{
    // Written as the API's answers are, so text reads the same in both.
    private readonly Utf8JsonWriter _json = new(page, AnswerJson.WriterOptions);

    public override void WriteHeader()
    {
    }

    public override long Write(object row)
    {
        var objects = Object(columns, row);
        _json.Flush();
        page.WriteByte((byte)'\n');
        _json.Reset();
        return objects;
    }

    /// <returns>The objects written: this one and those inside it.</returns>
    private long Object(IReadOnlyList<Column> of, object source)
    {
        long objects = 1;
        _json.WriteStartObject();
        foreach (var column in of)
        {
            _json.WritePropertyName(column.Name);
            var value = column.Read(source);
            if (value is null) _json.WriteNullValue();
            else if (!column.IsList) objects += Value(column, value);
            else
            {
                _json.WriteStartArray();
                foreach (var item in (IEnumerable)value) objects += Value(column, item);
                _json.WriteEndArray();
            }
        }

        _json.WriteEndObject();
        return objects;
    }

    private long Value(Column column, object value)
    {
        if (column.Fields is not null) return Object(column.Fields, value);
        switch (column.Output(value))
        {
            case string text: _json.WriteStringValue(text); break;
            case bool flag: _json.WriteBooleanValue(flag); break;
            case int number: _json.WriteNumberValue(number); break;
            case long number: _json.WriteNumberValue(number); break;
            case double number: _json.WriteNumberValue(number); break;
            case decimal number: _json.WriteNumberValue(number); break;
            case var other: JsonSerializer.Serialize(_json, other); break;
        }

        return 0;
    }

    public override void Flush() => _json.Flush();

    public override void Dispose() => _json.Dispose();
}
