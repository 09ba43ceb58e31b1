using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace ElectionGraph.Tests.Support;

/// <summary>
/// The API as a process of its own (<c>dotnet ElectionGraph.Api.dll</c>) on 127.0.0.1 and an embedded store in
/// the folder a test gives: killed (SIGKILL) or stopped (SIGTERM) as an orchestrator would, and started again
/// on the same data. The load benchmarks in bench/ start the API with it too.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ApiProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    /// <summary>http://127.0.0.1:port/graphql</summary>
    public Uri Endpoint { get; }

    /// <summary>The processor time the process has used so far, and its resident memory now.</summary>
    public (TimeSpan Processor, long ResidentBytes) Usage()
    {
        _process.Refresh();
        return (_process.TotalProcessorTime, _process.WorkingSet64);
    }

    /// <summary>The process's id, for what the benchmarks read of it in /proc.</summary>
    public int ProcessId => _process.Id;

    /// <summary>What the process wrote (warnings and errors), for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts the API and waits until it is ready (<c>/health/ready</c> answers 200).</summary>
    public static async Task<ApiProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var url = $"http://127.0.0.1:{Ports.Free()}";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(ElectionGraph.Api.ApiHost).Assembly.Location, "--urls", url, "--ElectionGraph:DataDirectory", dataDirectory, "--Logging:LogLevel:Default", "Warning" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}");
            start.ArgumentList.Add(value);
        }

        var api = new ApiProcess(Process.Start(start)!, new Uri($"{url}/graphql"));
        // Read what it writes as it goes, so a full pipe never holds up its logging.
        api._process.OutputDataReceived += (_, line) => api.Write(line.Data);
        api._process.ErrorDataReceived += (_, line) => api.Write(line.Data);
        api._process.BeginOutputReadLine();
        api._process.BeginErrorReadLine();

        using var http = new HttpClient();
        var ready = new Uri(api.Endpoint, "/health/ready");
        await Eventually.HoldsAsync(async () =>
        {
            if (api._process.HasExited) throw new InvalidOperationException($"The API exited ({api._process.ExitCode}) before it was ready:\n{api.Output}");
            try
            {
                using var response = await http.GetAsync(ready);
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        }, "the API ready", () => api.Output);
        return api;
    }

    /// <summary>SIGKILL: the process ends at once, whatever it was doing.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: what an orchestrator sends to stop it; it shuts down gracefully.</summary>
    public void Terminate()
    {
        if (Kill(_process.Id, 15 /* SIGTERM */) != 0) throw new InvalidOperationException($"kill -TERM {_process.Id} failed ({Marshal.GetLastPInvokeError()}).");
    }

    /// <summary>Waits (up to <see cref="Eventually.Limit"/>) for the process to exit and returns its exit code.</summary>
    public Task<int> ExitedAsync() => Eventually.ArrivesAsync(async cancel =>
    {
        await _process.WaitForExitAsync(cancel);
        return _process.ExitCode;
    }, "the API process to exit");

    private void Write(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
