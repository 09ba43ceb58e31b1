using System.Text.Encodings.Web;
using System.Text.Json;

namespace ElectionGraph.Api.Execution;

/// <summary>How answers are written, shared by GraphQL.NET's serializer and the lists written as they are read.</summary>
public static class AnswerJson
{
    /// <summary>Only what JSON requires is escaped: answers are served as JSON, never embedded in HTML.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = Encoder, SkipValidation = true };

    /// <summary>
    /// Writes a serialised scalar as System.Text.Json writes it for GraphQL.NET; false for a type it would write
    /// through a converter of its own.
    /// </summary>
    public static bool TryWriteScalar(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string text: writer.WriteStringValue(text); return true;
            case int number: writer.WriteNumberValue(number); return true;
            case bool truth: writer.WriteBooleanValue(truth); return true;
            case long number: writer.WriteNumberValue(number); return true;
            case double number when double.IsFinite(number): writer.WriteNumberValue(number); return true;
            case float number when float.IsFinite(number): writer.WriteNumberValue(number); return true;
            case decimal number: writer.WriteNumberValue(number); return true;
            case DateTime time: writer.WriteStringValue(time); return true;
            case DateTimeOffset time: writer.WriteStringValue(time); return true;
            default: return false;
        }
    }
}
