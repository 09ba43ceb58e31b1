namespace ElectionGraph.Api.Downloads;

/// <summary>
/// The terms a download is shared under. They go in headers and in <c>/downloads/README.md</c>, never in the
/// file: a comment line before a CSV's header breaks the tools researchers load it with (pandas, R, Excel).
/// </summary>
public static class DataLicence
{
    public const string Url = "https://creativecommons.org/licenses/by-sa/4.0/";

    /// <summary>The <c>Link</c> header of every download (RFC 8288): what describes it, and its licence.</summary>
    public const string Links = $"<{DownloadEndpoint.Path}/README.md>; rel=\"describedby\", <{Url}>; rel=\"license\"";

    public const string Text = """
        Seat figures (council results' seat rows, `seatChanges`) were cross-checked and, for the last councils,
        derived from Andrew Teale's Local Elections Archive Project (LEAP, © Andrew Teale, CC BY-SA 3.0) and Open
        Council Data UK (CC BY-SA 4.0), and the ward contests (`ballots`, `candidates`) are LEAP's candidate file
        reshaped, so they are shared under the same terms: **CC BY-SA 4.0**
        (https://creativecommons.org/licenses/by-sa/4.0/), the later version LEAP's licence allows. Every download
        is offered under those terms. Credit "ElectionGraph, with data from the Local Elections Archive Project
        (Andrew Teale) and Open Council Data UK", and share what you build on it alike. The other figures were
        compiled from public sources (BBC, Wikipedia, councils, the House of Commons Library, ARK, Democracy
        Club); where a figure could not be established it is empty, never estimated. Sources and gaps:
        seed/README.md in the ElectionGraph repository.
        """;
}
