using System.Text;
using ElectionGraph.Api.Conventions.Paging;
using GraphQL.Types;

namespace ElectionGraph.Api.Downloads;

/// <summary>
/// <c>/downloads/README.md</c>: how to download, the licence, and every list's columns with the schema's own
/// descriptions, so the documentation is always that of the lists being served.
/// </summary>
public static class DownloadReadme
{
    public static string Text(ISchema schema)
    {
        schema.Initialize();
        var text = new StringBuilder($$$"""
            # ElectionGraph downloads

            Every list of the GraphQL API as a file: `GET {{{DownloadEndpoint.Path}}}/<list>.csv` (RFC 4180, UTF-8, a
            header row) or `GET {{{DownloadEndpoint.Path}}}/<list>.jsonl` (JSON Lines: one item a line, shaped as the
            GraphQL answer holds it). The query string takes the list's own arguments (`electionId=local.2019-05-02`)
            and the same `where`, `order` and `updatedSince` as the GraphQL field, `where` and `order` as URL-encoded
            JSON: `?electionId=local.2019-05-02&where={"partyCode":{"eq":"LAB"}}&order=[{"change":"ASC"}]`.
            A download holds every matching row: there is no paging. Keys, rate limits and cost budgets are the
            API's; each page of {{{PageRequest.MaxSize}}} rows costs what the same page of the GraphQL list would.

            In CSV, embedded objects are flattened into dotted columns (`council.code`), empty where the object is
            missing; lists of values are one column, joined by `;`; lists of objects are left out (they are whole in
            JSON Lines, and seat rows and mayoral candidates are lists of their own). An empty field is a value
            that is not established (null).

            ## Licence

            {{{DataLicence.Text}}}

            """);
        foreach (var list in DownloadRequest.Lists(schema))
        {
            var own = list.Arguments!.Where(a => a.ResolvedType is NonNullGraphType).Select(a => $"`{a.Name}`").ToList();
            text.Append($"""

                ## {list.Name}

                {list.Description} `{DownloadEndpoint.Path}/{list.Name}.csv`, `.jsonl`{(own.Count > 0 ? $"; needs {string.Join(", ", own)}" : "")}.

                | CSV column | type | meaning |
                |---|---|---|

                """);
            foreach (var (name, column) in Column.Flattened(Column.OfList(list, Downloadable.Of(list)!.Node)))
                text.Append($"| `{name}` | {column.Field.ResolvedType} | {column.Field.Description?.Replace("|", "\\|")} |\n");
        }

        return text.ToString();
    }
}
