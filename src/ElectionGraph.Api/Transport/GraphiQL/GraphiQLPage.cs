using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Transport.GraphiQL;

/// <summary>
/// GraphiQL for a browser that asks /graphql for HTML, made once: its scripts from the API's own copies (or the
/// configured CDN), the documentation explorer, and an Examples pane that puts each partner example in the editor.
/// </summary>
public sealed class GraphiQLPage(IOptions<TransportOptions> options)
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

    public string Html { get; } = Build(options.Value.GraphiQLAssetBaseUrl, PartnerExample.Shipped());

    private static string Build(string assetBaseUrl, IReadOnlyList<PartnerExample> examples)
    {
        string Asset(string package, string version, string file) =>
            HtmlEncoder.Default.Encode($"{assetBaseUrl.TrimEnd('/')}/{package}@{version}/{file}");

        // The default encoder escapes <, > and &, so no example can end the script element it sits in.
        var examplesJson = JsonSerializer.Serialize(examples, JsonSerializerOptions.Web);
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>ElectionGraph · GraphiQL</title>
              <link rel="icon" href="data:,">
              <link rel="stylesheet" href="{{Asset("graphiql", GraphiQLVersion, "graphiql.min.css")}}">
              <style>
                html, body, #graphiql { height: 100%; margin: 0; }
                .graphiql-examples ul { list-style: none; margin: 0; padding: 0; }
                .graphiql-examples button { all: unset; box-sizing: border-box; display: block; width: 100%; cursor: pointer;
                  padding: var(--px-8) var(--px-12); border-radius: var(--border-radius-4); }
                .graphiql-examples button:hover, .graphiql-examples button:focus-visible { background: hsla(var(--color-neutral), var(--alpha-background-light)); }
                .graphiql-examples b { display: block; font-weight: var(--font-weight-medium); }
                .graphiql-examples span { color: hsla(var(--color-neutral), var(--alpha-secondary)); font-size: var(--font-size-hint); }
              </style>
            </head>
            <body>
              <div id="graphiql">Loading GraphiQL…</div>
              <script id="examples" type="application/json">{{examplesJson}}</script>
              <script src="{{Asset("react", ReactVersion, "umd/react.production.min.js")}}"></script>
              <script src="{{Asset("react-dom", ReactVersion, "umd/react-dom.production.min.js")}}"></script>
              <script src="{{Asset("graphiql", GraphiQLVersion, "graphiql.min.js")}}"></script>
              <script>
                const endpoint = new URL('/graphql', location.href).href;
                const fetcher = GraphiQL.createFetcher({ url: endpoint, subscriptionUrl: endpoint.replace(/^http/, 'ws') });
                const examples = JSON.parse(document.getElementById('examples').textContent);
                const h = React.createElement;

                // One click puts an example in the editor, as a click on an entry of the history does.
                function Examples() {
                  const { queryEditor, variableEditor } = GraphiQL.React.useEditorContext({ nonNull: true });
                  const open = example => { queryEditor?.setValue(example.query); variableEditor?.setValue(''); };
                  return h('section', { className: 'graphiql-examples', 'aria-label': 'Examples' },
                    h('div', { className: 'graphiql-history-header' }, 'Examples'),
                    h('ul', null, examples.map(example => h('li', { key: example.name },
                      h('button', { type: 'button', onClick: () => open(example) }, h('b', null, example.name), h('span', null, example.description))))));
                }

                const examplesPlugin = { title: 'Examples', icon: GraphiQL.React.StarIcon, content: Examples };
                ReactDOM.createRoot(document.getElementById('graphiql')).render(h(GraphiQL, {
                  fetcher, defaultQuery: {{JsonSerializer.Serialize(DefaultQuery)}}, plugins: [examplesPlugin], visiblePlugin: examplesPlugin,
                }));
              </script>
            </body>
            </html>
            """;
    }
}
