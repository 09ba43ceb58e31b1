using System.Globalization;

namespace ElectionGraph.Storage.Seeding;

/// <summary>
/// One CSV record with typed getters. A getter that cannot read its field records an error naming file,
/// line and field and returns a placeholder, so one pass reports every problem in the seed.
/// </summary>
internal sealed class SeedRow(CsvFile file, int line, string[] fields, List<SeedError> errors)
{
    public int Line => line;
    public string File => file.Name;

    public void Error(string field, string message) => errors.Add(new SeedError(file.Name, line, field, message));

    /// <summary>Whether the file has this (optional) column.</summary>
    public bool Has(string field) => file.Columns.ContainsKey(field);

    public string? OptionalText(string field)
    {
        var index = IndexOf(field);
        var value = index < fields.Length ? fields[index].Trim() : "";
        return value.Length == 0 ? null : value;
    }

    public string Text(string field)
    {
        var value = OptionalText(field);
        if (value is null) Error(field, "a value is required");
        return value ?? "";
    }

    public int Int(string field) => Required(field, OptionalInt(field));

    public int? OptionalInt(string field) =>
        Parse(field, "a whole number", (string s, out int v) => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v));

    public decimal? OptionalDecimal(string field) =>
        Parse(field, "a number", (string s, out decimal v) => decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out v));

    public bool Bool(string field) =>
        Required(field, Parse(field, "true or false", (string s, out bool v) => bool.TryParse(s, out v)));

    public DateOnly Date(string field) =>
        Required(field, Parse(field, "a date (yyyy-MM-dd)", (string s, out DateOnly v) =>
            DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out v)));

    /// <summary>An instant in ISO 8601 with an offset or Z, held as UTC.</summary>
    public DateTime? OptionalInstant(string field) =>
        Parse(field, "a date and time with an offset (2019-05-03T01:30:00Z)", (string s, out DateTime v) =>
        {
            var ok = DateTimeOffset.TryParseExact(s, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at);
            v = at.UtcDateTime;
            return ok;
        });

    private static readonly string[] InstantFormats = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss'Z'"];

    /// <summary>An enum value written in snake_case (<c>metropolitan_borough</c>).</summary>
    public T Enum<T>(string field) where T : struct, System.Enum =>
        Required(field, Parse<T>(field, "one of " + string.Join(", ", System.Enum.GetNames<T>().Select(SnakeCase)), TryEnum));

    public static bool TryEnum<T>(string text, out T value) where T : struct, System.Enum =>
        System.Enum.TryParse(text.Replace("_", ""), ignoreCase: true, out value) && System.Enum.IsDefined(value) && !text.Any(char.IsDigit);

    public static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private delegate bool TryParse<T>(string text, out T value);

    private T? Parse<T>(string field, string expected, TryParse<T> tryParse) where T : struct
    {
        var text = OptionalText(field);
        if (text is null) return null;
        if (tryParse(text, out var value)) return value;
        Error(field, $"'{text}' is not {expected}");
        return null;
    }

    private T Required<T>(string field, T? value) where T : struct
    {
        if (value is null && OptionalText(field) is null) Error(field, "a value is required");
        return value ?? default;
    }

    private int IndexOf(string field) =>
        // The reader checks each file's columns before reading rows, so a miss here is a bug in the reader.
        file.Columns.TryGetValue(field, out var index) ? index : throw new InvalidOperationException($"{file.Name} has no column '{field}'.");
}
