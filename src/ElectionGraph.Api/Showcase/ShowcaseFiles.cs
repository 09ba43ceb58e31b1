using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace ElectionGraph.Api.Showcase;

/// <summary>
/// The partner showcase at <c>/showcase/</c>: the 2019 results page rebuilt on the public API alone (hex map,
/// scoreboard, seat-change chart, councils that changed hands, mayors), live over graphql-transport-ws. Plain files
/// shipped with the build (<c>Showcase/wwwroot</c>, copied to <c>showcase/</c> beside the binaries); its GraphQL
/// documents are the partner examples (<c>schema/examples/showcase-*.graphql</c>, served at
/// <c>/showcase/queries/</c>), and the hex map's layout is the seed's copy (<c>seed/geo</c>, at <c>/showcase/geo/</c>,
/// with its licence). Nothing comes from another host: the policy below says so to the browser as well.
/// </summary>
public static class ShowcaseFiles
{
    public const string Path = "/showcase";

    /// <summary>Scripts, styles, data and sockets from this origin only; nothing inline, no frames.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Plain files, before keys and budgets: a page load spends none of a visitor's requests; its queries do.</summary>
    public static IApplicationBuilder UseShowcase(this IApplicationBuilder app)
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".graphql"] = "text/plain; charset=utf-8";
        types.Mappings[".hexjson"] = "application/json";
        types.Mappings[".mjs"] = "text/javascript";
        Serve(app, $"{Path}/queries", "examples", types);
        Serve(app, $"{Path}/geo", System.IO.Path.Combine("seed", "geo"), types, unknownAsText: true);
        var page = new PhysicalFileProvider(System.IO.Path.Combine(AppContext.BaseDirectory, "showcase"));
        // /showcase answers with a redirect to /showcase/, so the page's relative URLs resolve under it.
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Path, FileProvider = page });
        Serve(app, Path, "showcase", types);
        return app;
    }

    private static void Serve(IApplicationBuilder app, string path, string folder, IContentTypeProvider types, bool unknownAsText = false) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = path,
            FileProvider = new PhysicalFileProvider(System.IO.Path.Combine(AppContext.BaseDirectory, folder)),
            ContentTypeProvider = types,
            // The layout's LICENSE has no extension.
            ServeUnknownFileTypes = unknownAsText,
            DefaultContentType = "text/plain; charset=utf-8",
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                // Revalidated on every load (the ETag makes that a 304): a new build's page is seen at once.
                headers.CacheControl = "no-cache";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
            },
        });
}
