using ElectionGraph.Api.Cors;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Security;
using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Api.Transport.GraphiQL;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// GraphQL over HTTP at /graphql, per the GraphQL-over-HTTP specification: POST (one operation or a
/// batch), GET for queries (cacheable: ETag, 304, Cache-Control), media types by Accept, persisted
/// operations; GraphiQL for browsers and the SDL at /graphql/schema.graphql.
/// </summary>
public sealed class GraphQLEndpoint(
    IDocumentExecuter<ISchema> executer,
    IGraphQLTextSerializer serializer,
    PersistedQueries persisted,
    DocumentCache documents,
    OperationAnalyser analyser,
    BoundedSerializer answers,
    HttpCaching caching,
    EventStream eventStream,
    GraphiQLPage graphiQL,
    Origins origins,
    IOptions<TransportOptions> options,
    IOptions<LimitsOptions> limits)
{
    private readonly TransportOptions _options = options.Value;
    private readonly LimitsOptions _limits = limits.Value;
    private readonly RequestReader _reader = new(serializer, options.Value, limits.Value);

    public async Task HandleAsync(HttpContext http)
    {
        if (http.WebSockets.IsWebSocketRequest)
        {
            await WebSocketConnection.AcceptAsync(http);
            return;
        }

        var accept = http.Request.Headers.Accept;
        var get = HttpMethods.IsGet(http.Request.Method);
        if (get && http.Request.Query.Count == 0 && MediaTypes.PrefersHtml(accept))
        {
            await TypedResults.Content(graphiQL.Html, "text/html; charset=utf-8").ExecuteAsync(http);
            return;
        }

        var mediaType = MediaTypes.Negotiate(accept);
        try
        {
            if (mediaType == EventStream.MediaType)
            {
                var operation = get ? _reader.ReadGet(http.Request.Query) : await SingleAsync(http);
                await eventStream.StreamAsync(http, operation);
                return;
            }

            if (mediaType is null)
                throw new TransportException(StatusCodes.Status406NotAcceptable, "NOT_ACCEPTABLE",
                    $"Accept {MediaTypes.GraphQLResponse} or {MediaTypes.Json}.");
            if (get) await GetAsync(http, mediaType);
            else await PostAsync(http, mediaType);
        }
        catch (TransportException e)
        {
            if (e.Status == StatusCodes.Status405MethodNotAllowed) http.Response.Headers.Allow = "POST";
            await WriteAsync(http, e.Status, mediaType is MediaTypes.GraphQLResponse ? mediaType : MediaTypes.Json, new ExecutionResult { Errors = [Error(e.Code, e.Message)] });
        }
    }

    private async Task<OperationRequest> SingleAsync(HttpContext http)
    {
        var (operations, batch) = await _reader.ReadPostAsync(http.Request);
        return batch ? throw new TransportException(StatusCodes.Status400BadRequest, "INVALID_REQUEST", "An event stream carries one operation, not a batch.") : operations[0];
    }

    private async Task PostAsync(HttpContext http, string mediaType)
    {
        var (operations, batch) = await _reader.ReadPostAsync(http.Request);
        if (!batch)
        {
            var (result, status, _) = await ExecuteAsync(http, operations[0], mediaType, get: false);
            await WriteAsync(http, status, mediaType, result);
            return;
        }

        // Refused whole, before any of it runs, as a batch of too many operations is: one answer, 400.
        var cost = operations.Aggregate(0L, (sum, operation) => Points.Sum(sum, Cost(operation)));
        if (cost > _limits.MaxRequestCost)
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, mediaType, new ExecutionResult
            {
                Errors = [new LimitError("QUERY_TOO_COSTLY", $"The operations of this batch cost {cost} points together; at most {_limits.MaxRequestCost} are accepted in one request.",
                    _limits.MaxRequestCost, "cost", cost)],
            });
            return;
        }

        // A batch answers each operation in order; its own status is always 200.
        var results = new List<ExecutionResult>();
        foreach (var operation in operations) results.Add((await ExecuteAsync(http, operation, mediaType, get: false)).Result);
        await WriteAsync(http, StatusCodes.Status200OK, mediaType, answers.Serialize(results));
    }

    /// <summary>What an operation of a batch will cost; nothing when it cannot run (it is refused on its own).</summary>
    private long Cost(OperationRequest operation)
    {
        try
        {
            return documents.Parse(persisted.Resolve(operation)).Document is { } document
                ? analyser.Analyse(document, operation.OperationName, operation.Variables).Cost
                : 0;
        }
        catch (PersistedQueryException)
        {
            return 0;
        }
    }

    private async Task GetAsync(HttpContext http, string mediaType)
    {
        var operation = _reader.ReadGet(http.Request.Query);
        http.Response.Headers.Vary = HeaderNames.Accept;
        var etag = caching.ETag(mediaType, operation.Query, operation.OperationName, operation.DocumentId,
            Serialized(operation.Variables), Serialized(operation.Extensions));
        if (caching.NotModified(http, etag)) return;

        var (result, status, restricted) = await ExecuteAsync(http, operation, mediaType, get: true);
        // An answer only some roles may have (the key list) must never sit in a shared cache for anyone to read.
        var cacheable = status == StatusCodes.Status200OK && result.Errors is null && etag is not null && !restricted;
        // A shared cache hands one answer to everyone, under one tag: it carries no caller's budget, only the cost.
        if (cacheable && result.Extensions?.GetValueOrDefault(OperationLimits.Extension) is OperationCost cost) cost.Budget = null;
        using var answer = answers.Serialize(result);
        if (answer.TooLarge) status = RefusalStatus(mediaType);
        if (cacheable && !answer.TooLarge) caching.SetCacheable(http, etag!);
        else if (result.Errors?.Any(e => e.Code == "PERSISTED_QUERY_NOT_FOUND") == true) http.Response.Headers.CacheControl = "private, no-cache, must-revalidate";
        else http.Response.Headers.CacheControl = "no-store";
        await WriteAsync(http, status, mediaType, answer);
    }

    /// <summary>Variables or extensions as JSON text for a tag; most GETs have none, and the serializer is not called for nothing.</summary>
    private string? Serialized(Inputs? inputs) => inputs is null ? null : serializer.Serialize(inputs);

    /// <summary>Runs one operation; the status follows the media type (400 for a request error with graphql-response+json).</summary>
    /// <returns>Also whether the operation selects a field restricted to a role.</returns>
    private async Task<(ExecutionResult Result, int Status, bool Restricted)> ExecuteAsync(HttpContext http, OperationRequest operation, string mediaType, bool get)
    {
        string query;
        try
        {
            query = persisted.Resolve(operation);
        }
        catch (PersistedQueryException e)
        {
            return (new ExecutionResult { Errors = [e] }, e.Status, false);
        }

        var parsed = documents.Parse(query);
        if (parsed.Error is { } refused) return (new ExecutionResult { Errors = [refused] }, RefusalStatus(mediaType), false);
        switch (parsed.Operation(operation.OperationName)?.Operation)
        {
            case OperationType.Subscription:
                throw new TransportException(StatusCodes.Status400BadRequest, "SUBSCRIPTION_NEEDS_STREAM",
                    "Subscribe over a WebSocket (graphql-transport-ws) or with Accept: text/event-stream.");
            case OperationType.Mutation when get:
                throw new TransportException(StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", "Only queries run over GET; send mutations with POST.");
            case OperationType.Mutation when !origins.MayWrite(http.Request):
                return (new ExecutionResult { Errors = [Origins.MutationRefused()] }, StatusCodes.Status403Forbidden, false);
        }

        var userContext = new Dictionary<string, object?>();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            UserContext = userContext,
            OperationName = operation.OperationName,
            Variables = operation.Variables,
            Extensions = operation.Extensions,
            RequestServices = http.RequestServices,
            User = http.User,
            CancellationToken = http.RequestAborted,
        });
        var status = ErrorStatus.Apply(http.Response, result) ?? (!result.Executed ? RefusalStatus(mediaType) : StatusCodes.Status200OK);
        return (result, status, RequiredRoles.Restricted(userContext));
    }

    /// <summary>The status of a request that ran nothing: 400 with graphql-response+json; 200 with application/json, for older clients.</summary>
    private static int RefusalStatus(string mediaType) =>
        mediaType == MediaTypes.GraphQLResponse ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;

    private async Task WriteAsync(HttpContext http, int status, string mediaType, ExecutionResult result)
    {
        using var answer = answers.Serialize(result);
        await WriteAsync(http, answer.TooLarge ? RefusalStatus(mediaType) : status, mediaType, answer);
    }

    private static async Task WriteAsync(HttpContext http, int status, string mediaType, SerializedAnswer answer)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        if (answer.Kept && GzippedData.AcceptedBy(http.Request))
        {
            // Set here, the coding tells the compression middleware that this answer is compressed already.
            http.Response.Headers.ContentEncoding = "gzip";
            http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
            await ResponseBody.WriteAsync(http.Response, answer.GzippedParts, http.RequestAborted);
            return;
        }

        await ResponseBody.WriteAsync(http.Response, answer.Parts, http.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext http, int status, string mediaType, ReadOnlyMemory<byte> json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        await ResponseBody.WriteAsync(http.Response, [json], http.RequestAborted);
    }

    private static ExecutionError Error(string code, string message) => new(message) { Code = code };
}
