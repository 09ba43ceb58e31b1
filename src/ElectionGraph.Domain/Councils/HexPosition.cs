namespace ElectionGraph.Domain.Councils;

/// <summary>
/// A council's hexagon on a hex-map layout in the HexJSON format: column <paramref name="Q"/> and row
/// <paramref name="R"/> of the offset coordinate system <paramref name="Layout"/> names (<c>odd-r</c>: odd rows
/// shifted right by half a hexagon). The 2019 layout is Open Innovations' map of the UK's local authorities.
/// </summary>
public sealed record HexPosition(string Layout, int Q, int R)
{
    /// <summary>HexJSON's four offset layouts.</summary>
    public static readonly IReadOnlySet<string> Layouts = new HashSet<string>(StringComparer.Ordinal) { "odd-r", "even-r", "odd-q", "even-q" };
}
