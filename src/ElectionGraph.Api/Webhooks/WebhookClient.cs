using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using ElectionGraph.Domain.Webhooks;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Webhooks;

/// <summary>
/// POSTs a delivery to its webhook, once: signed, within the time limit, no redirect followed, no more of the answer
/// read than its status and a bounded start. Every outcome is an attempt to record, never an exception.
/// </summary>
public sealed class WebhookClient : IDisposable
{
    public const string EventIdHeader = "ElectionGraph-Event-Id", DeliveryIdHeader = "ElectionGraph-Delivery-Id",
        WebhookIdHeader = "ElectionGraph-Webhook-Id", TimestampHeader = "ElectionGraph-Timestamp", SignatureHeader = "ElectionGraph-Signature",
        DocumentIdHeader = "ElectionGraph-Document-Id", DocumentVersionHeader = "ElectionGraph-Document-Version", AttemptHeader = "ElectionGraph-Attempt";

    private readonly HttpClient _http;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _clock;

    public WebhookClient(CallbackPolicy policy, IOptions<WebhookOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectCallback = policy.ConnectAsync,
            ConnectTimeout = _options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            // No limit per host: many partners' webhooks may share one (a serverless platform's); the sender bounds each webhook.
            MaxResponseHeadersLength = 16, // KiB
        })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each attempt has its own
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ElectionGraph-Webhooks", "1"));
    }

    /// <param name="stopping">The server stopping: the attempt is abandoned, not recorded (its lease runs out, and it is made again).</param>
    /// <exception cref="OperationCanceledException"><paramref name="stopping"/> was cancelled.</exception>
    public async Task<DeliveryAttempt> PostAsync(Webhook webhook, WebhookDelivery delivery, CancellationToken stopping)
    {
        var now = _clock.GetUtcNow();
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(EventIdHeader, delivery.EventId);
        request.Headers.Add(DeliveryIdHeader, delivery.Id);
        request.Headers.Add(WebhookIdHeader, webhook.Id);
        request.Headers.Add(TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, WebhookSignature.Header(webhook.SigningSecrets(now.UtcDateTime), timestamp, body));
        request.Headers.Add(DocumentIdHeader, delivery.DocumentId);
        request.Headers.Add(DocumentVersionHeader, delivery.DocumentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(AttemptHeader, (delivery.Attempts.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var timer = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        limit.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            await ReadSomeAsync(response, limit.Token);
            var status = (int)response.StatusCode;
            var error = status switch
            {
                >= 200 and < 300 => null,
                >= 300 and < 400 => $"HTTP {status}: redirects are not followed",
                _ => $"HTTP {status}",
            };
            return Attempt(now, timer, status, error);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return Attempt(now, timer, null, $"no answer within {_options.TimeoutSeconds:0.###} s");
        }
        catch (HttpRequestException e) when (e.InnerException is CallbackRefusedException refused)
        {
            return Attempt(now, timer, null, refused.Message);
        }
        catch (HttpRequestException e)
        {
            return Attempt(now, timer, (int?)e.StatusCode, $"no answer: {e.HttpRequestError}");
        }
    }

    /// <summary>Reads at most <see cref="WebhookOptions.MaxResponseBytes"/> of the answer, so a receiver that talks on is not listened to.</summary>
    private async Task ReadSomeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[Math.Min(_options.MaxResponseBytes, 4096)];
        var read = 0;
        int n;
        while (read < _options.MaxResponseBytes && (n = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, _options.MaxResponseBytes - read)), cancellationToken)) > 0)
            read += n;
    }

    private static DeliveryAttempt Attempt(DateTimeOffset at, Stopwatch timer, int? status, string? error) =>
        new(at.UtcDateTime, (int)timer.ElapsedMilliseconds, status, error);

    public void Dispose() => _http.Dispose();
}
