using ElectionGraph.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Health;

/// <summary>
/// Ready while the store takes a write: its round trip (<see cref="IDocumentStore.PingAsync"/>) answers within
/// the timeout. One round trip at a time serves every caller, and its outcome answers for
/// <see cref="HealthOptions.ReadyReuseSeconds"/>, so strangers polling <c>/health/ready</c> cannot load the store.
/// </summary>
public sealed class StoreHealthCheck(IDocumentStore store, IOptions<HealthOptions> options) : IHealthCheck
{
    private readonly Lock _gate = new();
    private Task<HealthCheckResult>? _probe;
    private long _probeStarted;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var reuse = TimeSpan.FromSeconds(options.Value.ReadyReuseSeconds);
            if (_probe is null || (_probe.IsCompleted && TimeSpan.FromMilliseconds(Environment.TickCount64 - _probeStarted) >= reuse))
            {
                _probeStarted = Environment.TickCount64;
                _probe = ProbeAsync();
            }

            return _probe.WaitAsync(cancellationToken);
        }
    }

    private async Task<HealthCheckResult> ProbeAsync()
    {
        var timeout = TimeSpan.FromSeconds(options.Value.ReadyTimeoutSeconds);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            // WaitAsync as well: a store stuck inside a synchronous call (a hung disk) still gets its answer in time.
            await store.PingAsync(cancel.Token).WaitAsync(timeout);
            return HealthCheckResult.Healthy("The store takes writes.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy(e is TimeoutException or OperationCanceledException
                ? $"The store did not answer within {timeout.TotalSeconds:0.#} s."
                : "The store is unavailable.", e);
        }
    }
}
