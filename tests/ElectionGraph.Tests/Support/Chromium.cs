namespace ElectionGraph.Tests.Support;

/// <summary>Debian's Chromium, which the browser tests drive through tests/interop/browser.mjs.</summary>
public static class Chromium
{
    private const string Path = "/usr/bin/chromium";

    /// <summary>Skips the test without it.</summary>
    public static void Required() =>
        Skip.IfNot(File.Exists(Path), $"{Path} is not installed (CI installs Debian's chromium): no browser to run the page in.");
}
