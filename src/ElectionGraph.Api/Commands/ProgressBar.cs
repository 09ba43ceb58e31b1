namespace ElectionGraph.Api.Commands;

/// <summary>
/// Progress on standard error: a bar redrawn in place on a terminal, occasional lines when redirected
/// (so logs stay readable).
/// </summary>
public sealed class ProgressBar(string label, int total) : IProgress<int>, IDisposable
{
    private const int Width = 30;
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private int _shownPercent = -1;

    public void Report(int value)
    {
        var percent = total == 0 ? 100 : value * 100 / total;
        if (percent == _shownPercent || (!_terminal && percent % 25 != 0)) return;
        _shownPercent = percent;
        var filled = percent * Width / 100;
        var text = $"{label} [{new string('#', filled)}{new string('.', Width - filled)}] {value}/{total}";
        if (_terminal) Console.Error.Write("\r" + text);
        else Console.Error.WriteLine(text);
    }

    public void Complete() => Report(total);

    public void Dispose()
    {
        if (_terminal && _shownPercent >= 0) Console.Error.WriteLine();
    }
}
