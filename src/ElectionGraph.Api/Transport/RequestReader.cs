using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ElectionGraph.Api.Limits;
using GraphQL;
using Microsoft.Net.Http.Headers;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// Reads GraphQL-over-HTTP requests strictly: every parameter must have its specified JSON type, so a
/// malformed request is a clear 4xx rather than a guess.
/// </summary>
public sealed class RequestReader(IGraphQLTextSerializer serializer, TransportOptions options, LimitsOptions limits)
{
    private static readonly string[] DocumentIdNames = ["documentId", "id", "doc_id"];

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>The operations of a POST: one for a JSON object, several for a JSON array (a batch).</summary>
    public async Task<(IReadOnlyList<OperationRequest> Operations, bool Batch)> ReadPostAsync(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(MediaTypes.Json, StringComparison.OrdinalIgnoreCase)
            || !(!contentType.Charset.HasValue || contentType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
            throw new TransportException(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                "Send the request body as application/json (UTF-8).");

        var bytes = await BodyAsync(request);
        JsonDocument body;
        try
        {
            // Parsed where it was read: the document refers to these bytes, which live as long as it does. A byte
            // order mark is skipped: JSON's RFC lets a reader ignore one.
            var json = bytes.WrittenMemory;
            body = JsonDocument.Parse(json.Span.StartsWith(ByteOrderMark) ? json[ByteOrderMark.Length..] : json);
        }
        catch (JsonException e)
        {
            throw new TransportException(StatusCodes.Status400BadRequest, "INVALID_JSON", $"The request body is not JSON: {e.Message}");
        }

        using (body)
        {
            var root = body.RootElement;
            if (root.ValueKind == JsonValueKind.Object) return ([ReadObject(root)], false);
            if (root.ValueKind != JsonValueKind.Array)
                throw Invalid("The request body must be a JSON object (one operation) or an array of them (a batch).");
            var count = root.GetArrayLength();
            if (count == 0 || count > options.MaxBatchSize)
                throw Invalid($"A batch holds 1 to {options.MaxBatchSize} operations; this one has {count}.");
            return (root.EnumerateArray().Select(ReadObject).ToList(), true);
        }
    }

    /// <summary>One operation given as a JSON object (a POST body, a batch item, a WebSocket subscribe payload).</summary>
    public OperationRequest ReadObject(JsonElement operation) =>
        operation.ValueKind == JsonValueKind.Object ? Read(operation, Member) : throw Invalid("An operation must be a JSON object.");

    /// <summary>The operation of a GET: parameters in the query string, variables and extensions as JSON text.</summary>
    public OperationRequest ReadGet(IQueryCollection query) =>
        Read(query, (source, name) =>
        {
            if (!source.TryGetValue(name, out var values) || values.Count == 0) return null;
            if (values.Count > 1) throw Invalid($"'{name}' is given more than once.");
            if (name is not ("variables" or "extensions")) return JsonSerializer.SerializeToElement(values[0]);
            try
            {
                return JsonDocument.Parse(values[0]!).RootElement.Clone();
            }
            catch (JsonException)
            {
                throw Invalid($"'{name}' must be URL-encoded JSON.");
            }
        });

    private OperationRequest Read<TSource>(TSource source, Func<TSource, string, JsonElement?> member)
    {
        try
        {
            var query = Text(member(source, "query"), "query");
            var operationName = Text(member(source, "operationName"), "operationName");
            var variables = Map(Bounded(member(source, "variables")), "variables");
            var extensions = Map(member(source, "extensions"), "extensions");
            var documentId = DocumentIdNames.Select(name => Text(member(source, name), name)).FirstOrDefault(id => id is not null);
            if (query is null && documentId is null && extensions?.ContainsKey(PersistedQueries.Extension) != true)
                throw Invalid("The request has no 'query' (nor a persisted operation's id or hash).");
            return new OperationRequest(query, operationName, variables, extensions, documentId);
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException)
        {
            // JsonDocument checks the UTF-8 of a string only when the string is read.
            throw new TransportException(StatusCodes.Status400BadRequest, "INVALID_JSON", "The request is not valid UTF-8 JSON text.");
        }
    }

    /// <summary>Variables given as one JSON object (a download's arguments), held to the same limits as a request's.</summary>
    public Inputs? Variables(JsonElement variables) => Map(Bounded(variables), "variables");

    /// <summary>Variables within the limits: a filter written as variables is held to the same bounds as the document.</summary>
    private JsonElement? Bounded(JsonElement? variables)
    {
        if (variables is not { } json) return null;
        var bytes = JsonMarshal.GetRawUtf8Value(json).Length;
        if (bytes > limits.MaxVariablesBytes)
            throw new TransportException(StatusCodes.Status400BadRequest, "VARIABLES_TOO_LARGE", $"The variables are {bytes} bytes of JSON; at most {limits.MaxVariablesBytes} are accepted.");
        if (Depth(json) > limits.MaxVariablesDepth)
            throw new TransportException(StatusCodes.Status400BadRequest, "VARIABLES_TOO_DEEP", $"The variables nest more than {limits.MaxVariablesDepth} levels of objects and lists.");
        return json;
    }

    private static int Depth(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => 1 + json.EnumerateObject().Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        JsonValueKind.Array => 1 + json.EnumerateArray().Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    private static JsonElement? Member(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : null;

    private static string? Text(JsonElement? value, string name) => value?.ValueKind switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.String => value.Value.GetString(),
        _ => throw Invalid($"'{name}' must be a string."),
    };

    private Inputs? Map(JsonElement? value, string name) => value?.ValueKind switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.Object => serializer.ReadNode<Inputs>(value.Value),
        _ => throw Invalid($"'{name}' must be a JSON object (a map)."),
    };

    private static TransportException Invalid(string message) =>
        new(StatusCodes.Status400BadRequest, "INVALID_REQUEST", message);

    /// <summary>
    /// The body, taken from the server's pipe as it arrives (a request's is there whole by now, and nothing waits),
    /// refused past the limit before any more of it is read, so a huge body is never buffered.
    /// </summary>
    private async Task<ArrayBufferWriter<byte>> BodyAsync(HttpRequest request)
    {
        var limit = options.MaxBodyBytes;
        if (request.ContentLength > limit) throw TooLarge(limit);
        var body = new ArrayBufferWriter<byte>((int)(request.ContentLength ?? 0) + 1);
        var pipe = request.BodyReader;
        while (true)
        {
            var read = await pipe.ReadAsync(request.HttpContext.RequestAborted);
            if (body.WrittenCount + read.Buffer.Length > limit) throw TooLarge(limit);
            foreach (var segment in read.Buffer) body.Write(segment.Span);
            pipe.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted) return body;
        }
    }

    private static TransportException TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"The request body is larger than {limit} bytes.");
}
