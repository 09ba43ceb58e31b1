using System.Text.Encodings.Web;
using System.Text.Json;

namespace ElectionGraph.Api.Transport;

/// <summary>GraphiQL for a browser that asks /graphql for HTML, its assets from a configurable base URL.</summary>
public static class GraphiQLPage
{
    public const string GraphiQLVersion = "3.8.3";
    public const string ReactVersion = "18.3.1";

    private const string DefaultQuery = """
        # ElectionGraph: UK local-election results. Press the run button.
        # Labour's biggest loss of the 2019 local elections:
        query BiggestLoss {
          seatChanges(electionId: "local.2019-05-02", where: { partyCode: { eq: "LAB" } }, order: [{ change: ASC }], first: 1) {
            nodes { council { name region } change won control { before after } }
          }
        }
        """;

    public static string Html(string assetBaseUrl)
    {
        string Asset(string package, string version, string file) =>
            HtmlEncoder.Default.Encode($"{assetBaseUrl.TrimEnd('/')}/{package}@{version}/{file}");

        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>ElectionGraph · GraphiQL</title>
              <link rel="icon" href="data:,">
              <link rel="stylesheet" href="{{Asset("graphiql", GraphiQLVersion, "graphiql.min.css")}}">
              <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
            </head>
            <body>
              <div id="graphiql">Loading GraphiQL…</div>
              <script src="{{Asset("react", ReactVersion, "umd/react.production.min.js")}}"></script>
              <script src="{{Asset("react-dom", ReactVersion, "umd/react-dom.production.min.js")}}"></script>
              <script src="{{Asset("graphiql", GraphiQLVersion, "graphiql.min.js")}}"></script>
              <script>
                const fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', location.href).href });
                ReactDOM.createRoot(document.getElementById('graphiql')).render(
                  React.createElement(GraphiQL, { fetcher, defaultQuery: {{JsonSerializer.Serialize(DefaultQuery)}} }));
              </script>
            </body>
            </html>
            """;
    }
}
