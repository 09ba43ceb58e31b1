using Microsoft.Extensions.FileProviders;

namespace ElectionGraph.Api.Transport.GraphiQL;

/// <summary>
/// GraphiQL's scripts and styles, shipped with the build (graphiql/ beside the binaries, written by
/// tests/interop/graphiql-assets.mjs) with their licences, under the paths unpkg uses
/// (<c>/graphql/assets/graphiql@3.8.3/graphiql.min.js</c>), so the page needs nothing from outside.
/// </summary>
public static class GraphiQLAssets
{
    /// <summary>Where the API serves them, and so where the page loads them from unless a CDN is configured.</summary>
    public const string Path = "/graphql/assets";

    /// <summary>Plain files, before keys and budgets: a page load must not spend a caller's requests.</summary>
    public static IApplicationBuilder UseGraphiQLAssets(this IApplicationBuilder app) => app.UseStaticFiles(new StaticFileOptions
    {
        RequestPath = Path,
        FileProvider = new PhysicalFileProvider(System.IO.Path.Combine(AppContext.BaseDirectory, "graphiql")),
        // The licence files have no extension; the folder holds nothing but what the script put there.
        ServeUnknownFileTypes = true,
        DefaultContentType = "text/plain; charset=utf-8",
        // Each path names its package's version, so what it serves never changes.
        OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
    });
}
