using ElectionGraph.Api.Budgets;
using ElectionGraph.Api.Conventions.Filtering;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Security;
using ElectionGraph.Api.Transport;
using ElectionGraph.Storage;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ElectionGraph.Api.Downloads;

/// <summary>
/// Every list of the graph as a file: <c>GET /downloads/{list}.csv</c> or <c>.jsonl</c>, filtered and ordered
/// as the list's pages are. Streamed: rows are written as the store yields them and sent a page (500 rows) at
/// a time, each page charged to the caller's cost budget before it goes, so the server holds one page however
/// many rows there are. Cached as GET answers are (ETag by data version, 304).
/// </summary>
public sealed class DownloadEndpoint(
    ISchema schema,
    IGraphQLTextSerializer serializer,
    DocumentCache documents,
    IDocumentValidator validator,
    HttpCaching caching,
    CostBudgets budgets,
    OpenStreams streams,
    IOptions<TransportOptions> options,
    IOptions<LimitsOptions> limits,
    ILogger<DownloadEndpoint> logger)
{
    public const string Path = "/downloads";

    private readonly RequestReader _reader = new(serializer, options.Value, limits.Value);

    public async Task HandleAsync(HttpContext http, string file)
    {
        DownloadRequest request;
        try
        {
            schema.Initialize();
            request = await DownloadRequest.ReadAsync(http, file, schema, _reader, documents, validator);
        }
        catch (DownloadRefusedException refused)
        {
            await RefuseAsync(http, refused);
            return;
        }

        var etag = caching.ETag([request.List.Name, request.Format.Extension, .. request.Arguments.Select(a => $"{a.Key}={a.Value}")]);
        if (caching.NotModified(http, etag) || await budgets.RefuseIfSpentAsync(http)) return;

        // A download may take a while (paced by the budget): it holds one of the caller's streams while it runs.
        using var slot = await streams.OpenStreamAsync(http);
        if (slot is null) return;

        IAsyncEnumerator<object>? rows = null;
        try
        {
            rows = request.Rows.Open(request.Context).GetAsyncEnumerator(http.RequestAborted);
            // The store's first answer comes before any header, so a store that is down is still a clean refusal.
            var more = await rows.MoveNextAsync();
            await SendAsync(http, request, etag, rows, more, Caller.Of(http.User));
        }
        catch (FilterError error)
        {
            await RefuseAsync(http, DownloadRefusedException.BadRequest([error]));
        }
        catch (StoreUnavailableException fault)
        {
            logger.LogError(fault, "The store is unavailable: the download of {List} is answered {Code}", request.List.Name, StoreUnavailable.Code);
            if (http.Response.HasStarted)
            {
                // Rows were sent: the transfer ends broken, so the client sees an incomplete file, never a short one.
                http.Abort();
                return;
            }

            await ErrorResponse.WriteAsync(http.Response, StatusCodes.Status503ServiceUnavailable, StoreUnavailable.Code,
                "The store is unavailable right now. Try again shortly.");
        }
        finally
        {
            if (rows is not null) await rows.DisposeAsync();
        }
    }

    private async Task SendAsync(HttpContext http, DownloadRequest request, string? etag, IAsyncEnumerator<object> rows, bool more, Caller caller)
    {
        var response = http.Response;
        response.ContentType = request.Format.ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = request.FileName }.ToString();
        response.Headers.Link = DataLicence.Links;
        if (etag is not null) caching.SetCacheable(http, etag);
        else response.Headers.CacheControl = "no-store";

        using var page = new MemoryStream();
        using var writer = request.Format.Writer(Column.OfList(request.List, request.Rows.Node), page);
        writer.WriteHeader();
        var points = request.PageCost;
        for (var inPage = 0; more; inPage++, more = await rows.MoveNextAsync())
        {
            if (inPage == DownloadRequest.PageRows)
            {
                await SendPageAsync();
                points = request.PageCost;
                inPage = 0;
            }

            points += writer.Write(rows.Current);
        }

        await SendPageAsync();

        async Task SendPageAsync()
        {
            writer.Flush();
            await budgets.SpendAsync(caller, points, http.RequestAborted);
            await response.Body.WriteAsync(page.GetBuffer().AsMemory(0, (int)page.Length), http.RequestAborted);
            await response.Body.FlushAsync(http.RequestAborted);
            page.SetLength(0);
        }
    }

    /// <summary>A refusal before anything is sent: the status, and the errors as a GraphQL answer holds them.</summary>
    private async Task RefuseAsync(HttpContext http, DownloadRefusedException refused)
    {
        http.Response.StatusCode = refused.Status;
        http.Response.ContentType = $"{MediaTypes.Json}; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, new ExecutionResult { Errors = [.. refused.Errors] }, http.RequestAborted);
    }
}
