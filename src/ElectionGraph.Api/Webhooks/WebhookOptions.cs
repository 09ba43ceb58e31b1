using ElectionGraph.Domain.Webhooks;

namespace ElectionGraph.Api.Webhooks;

/// <summary>The <c>ElectionGraph:Webhooks</c> configuration section (README, "Webhooks").</summary>
public sealed class WebhookOptions
{
    public const string Section = "ElectionGraph:Webhooks";

    /// <summary>
    /// Whether callback URLs may reach private, loopback and link-local addresses (and plain http on loopback). Null:
    /// only in the Development environment, never on a public deployment.
    /// </summary>
    public bool? AllowPrivateAddresses { get; set; }

    /// <summary>Webhooks one key may have (deleted ones not counted).</summary>
    public int MaxPerKey { get; set; } = 25;

    /// <summary>How long a receiver has to answer (headers and the start of its body) before the attempt has failed.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Attempts of one delivery, the first included, before it has failed.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after a first failure; it doubles with each failure after, up to <see cref="RetryCapSeconds"/>, with jitter.</summary>
    public double RetryBaseSeconds { get; set; } = 30;

    public double RetryCapSeconds { get; set; } = 7200;

    /// <summary>Deliveries in a row that fail every attempt before the webhook is marked failing (and paused).</summary>
    public int PauseAfterFailedDeliveries { get; set; } = 3;

    /// <summary>Attempts in flight at once, over all webhooks.</summary>
    public int Concurrency { get; set; } = 64;

    /// <summary>Attempts in flight at once to one webhook: a slow receiver holds no more of <see cref="Concurrency"/> than this.</summary>
    public int ConcurrencyPerWebhook { get; set; } = 4;

    /// <summary>How often the store is looked at for deliveries due (recorded by other instances, or whose lease ran out).</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>The most of a receiver's answer read; the rest is not waited for.</summary>
    public int MaxResponseBytes { get; set; } = 16_384;

    /// <summary>How long deliveries are also signed with the previous secret after a rotation.</summary>
    public double RotationGraceHours { get; set; } = 24;

    /// <summary>The largest variables object a webhook may be registered with (bytes of JSON).</summary>
    public int MaxVariablesBytes { get; set; } = 16_384;

    public RetrySchedule Retries => new(TimeSpan.FromSeconds(RetryBaseSeconds), TimeSpan.FromSeconds(RetryCapSeconds), MaxAttempts);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>How long an instance holds a delivery it is attempting: the attempt's time limit, and time to record its outcome.</summary>
    public TimeSpan Lease => Timeout + TimeSpan.FromSeconds(15);
}
