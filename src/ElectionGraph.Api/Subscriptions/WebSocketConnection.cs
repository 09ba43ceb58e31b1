using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using ElectionGraph.Api.Budgets;
using ElectionGraph.Api.Cors;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Security;
using ElectionGraph.Api.Telemetry;
using ElectionGraph.Api.Transport;
using GraphQL;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Subscriptions;

/// <summary>
/// One client on the graphql-transport-ws protocol (the graphql-ws client's): connection_init/ack with the
/// API key in its payload, subscribe/next/error/complete, ping/pong, and the protocol's close codes. One
/// writer per socket drains the connection's outbox; subscription ids are registered before they run.
/// The protocol does not acknowledge a subscribe, so a <c>pong</c> does: it answers a <c>ping</c> once every
/// subscription asked for before that ping is live (or refused).
/// </summary>
public sealed class WebSocketConnection
{
    public const string Protocol = "graphql-transport-ws";

    /// <summary>Close codes of graphql-transport-ws, and the standard ones this server uses.</summary>
    public static class CloseCodes
    {
        public const int GoingAway = 1001, PolicyViolation = 1008, MessageTooBig = 1009, TryAgainLater = 1013;
        public const int BadRequest = 4400, Unauthorized = 4401, Forbidden = 4403, SubprotocolNotAcceptable = 4406,
            InitialisationTimeout = 4408, SubscriberExists = 4409, TooManyInitialisations = 4429, InternalError = 4500;
    }

    private readonly WebSocket _socket;
    private readonly SubscriptionHub _hub;
    private readonly ApiKeys _keys;
    private readonly RequestReader _reader;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly SubscriptionOptions _options;
    private readonly ILogger _logger;
    private readonly Outbox _outbox;
    private readonly Instruments _instruments;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private readonly ConcurrentDictionary<string, IDisposable?> _subscriptions = new();
    private readonly IPAddress? _client;
    private readonly OpenStreams _openStreams;
    private readonly BudgetOptions _budgets;
    /// <summary>Whether the upgrade's page may send mutations (its origin, <see cref="Origins.MayWrite"/>).</summary>
    private readonly bool _mayMutate;
    /// <summary>The socket's place among its caller's connections (<see cref="OpenStreams"/>).</summary>
    private IDisposable _slot;
    private TokenBucketRateLimiter? _subscribes;

    /// <summary>The upgrade request's caller until connection_init presents a key.</summary>
    private ClaimsPrincipal _user;
    private Task _starting = Task.CompletedTask;
    private int _initialised;
    private volatile bool _acknowledged;
    private int _closing;

    private WebSocketConnection(WebSocket socket, HttpContext http, IDisposable slot, bool mayMutate)
    {
        var services = http.RequestServices;
        _socket = socket;
        _slot = slot;
        _mayMutate = mayMutate;
        _user = http.User;
        _client = http.Connection.RemoteIpAddress;
        _hub = services.GetRequiredService<SubscriptionHub>();
        _openStreams = services.GetRequiredService<OpenStreams>();
        _budgets = services.GetRequiredService<IOptions<BudgetOptions>>().Value;
        _keys = services.GetRequiredService<ApiKeys>();
        _serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        _reader = new RequestReader(_serializer, services.GetRequiredService<IOptions<TransportOptions>>().Value,
            services.GetRequiredService<IOptions<LimitsOptions>>().Value);
        _options = services.GetRequiredService<IOptions<SubscriptionOptions>>().Value;
        _logger = services.GetRequiredService<ILogger<WebSocketConnection>>();
        _outbox = new Outbox(_options.OutboxCapacity);
        _instruments = services.GetRequiredService<Instruments>();
    }

    /// <summary>This transport's name in metrics.</summary>
    private const string Transport = "websocket";

    public static async Task AcceptAsync(HttpContext http)
    {
        // Browsers apply no CORS to WebSockets: the page's origin is checked here, before the socket takes a slot.
        var origins = http.RequestServices.GetRequiredService<Origins>();
        if (!origins.MayRead(http.Request))
        {
            await ErrorResponse.WriteAsync(http.Response, StatusCodes.Status403Forbidden, Origins.NotAllowed,
                "WebSockets are not accepted from this page's origin (ElectionGraph:Cors:AllowedOrigins).");
            return;
        }

        // A socket counts against its caller from the start (the upgrade's key, else its address), idle or not:
        // one over the number is refused before it is accepted.
        var streams = http.RequestServices.GetRequiredService<OpenStreams>();
        var caller = Caller.Of(http.User);
        var slot = streams.TryOpenSocket(caller);
        if (slot is null)
        {
            await ErrorResponse.WriteAsync(http.Response, StatusCodes.Status429TooManyRequests, OpenStreams.TooManyStreams,
                $"Too many connections: at most {streams.SocketsAllowed(caller)} at once for this caller. Close one first.");
            return;
        }

        WebSocketConnection? connection = null;
        try
        {
            var offered = http.WebSockets.WebSocketRequestedProtocols.Contains(Protocol);
            using var socket = await http.WebSockets.AcceptWebSocketAsync(offered ? Protocol : null);
            connection = new WebSocketConnection(socket, http, slot, origins.MayWrite(http.Request));
            if (!offered)
            {
                await connection.CloseAsync(CloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable");
                return;
            }

            var lifetime = http.RequestServices.GetRequiredService<IHostApplicationLifetime>();
            connection._instruments.Connection(Transport, +1);
            try
            {
                await connection.RunAsync(lifetime.ApplicationStopping, http.RequestAborted);
            }
            finally
            {
                connection._instruments.Connection(Transport, -1);
            }
        }
        finally
        {
            (connection?._slot ?? slot).Dispose();
        }
    }

    private async Task RunAsync(CancellationToken stopping, CancellationToken aborted)
    {
        using var stoppingRegistration = stopping.Register(() => _ = CloseAsync(CloseCodes.GoingAway, "Server shutting down: reconnect"));
        // A client too far behind is told so by the writer, after what it already sent; if it does not even
        // read that far within the grace period, the connection is dropped.
        using var overflowRegistration = _outbox.Overflowed.Register(() => _closed.CancelAfter(Outbox.OverflowGrace));
        _ = Task.Delay(TimeSpan.FromSeconds(_options.ConnectionInitTimeoutSeconds), _closed.Token).ContinueWith(
            _ => Volatile.Read(ref _initialised) == 0 ? CloseAsync(CloseCodes.InitialisationTimeout, "Connection initialisation timeout") : Task.CompletedTask,
            TaskContinuationOptions.OnlyOnRanToCompletion);
        var writing = WriteAsync();
        try
        {
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            while (await ReceiveAsync(reading.Token) is { } message) await HandleAsync(message);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            foreach (var ticket in _subscriptions.Values) ticket?.Dispose();
            _subscribes?.Dispose();
            _outbox.Close();
            await _closed.CancelAsync();
            await writing;
            _outbox.Abandon();
        }
    }

    private async Task HandleAsync(byte[] message)
    {
        JsonElement root;
        try
        {
            // JsonDocument checks the UTF-8 of a string only when it is read: check the whole message first.
            root = Utf8.IsValid(message) ? JsonDocument.Parse(message).RootElement : throw new JsonException("not UTF-8");
        }
        catch (JsonException)
        {
            await CloseAsync(CloseCodes.BadRequest, "Invalid message received: not JSON");
            return;
        }

        var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "connection_init":
                await InitialiseAsync(root);
                break;
            case "ping":
                _ = PongAsync(_starting);
                break;
            case "pong":
                break;
            case "subscribe":
                await SubscribeAsync(root);
                break;
            case "complete" when Id(root) is { } id:
                if (_subscriptions.TryRemove(id, out var ticket)) ticket?.Dispose();
                break;
            default:
                await CloseAsync(CloseCodes.BadRequest, $"Invalid message received: {(type is null ? "no type" : $"unexpected '{type}'")}");
                break;
        }
    }

    private async Task InitialiseAsync(JsonElement message)
    {
        if (Interlocked.Exchange(ref _initialised, 1) == 1)
        {
            await CloseAsync(CloseCodes.TooManyInitialisations, "Too many initialisation requests");
            return;
        }

        var key = message.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object
                  && payload.TryGetProperty("apiKey", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
        // A key in connection_init wins; without one, a key the upgrade request carried in its headers counts.
        var authentication = key is null && _user.Identity?.IsAuthenticated == true
            ? new Authentication(_user, null)
            : _keys.Authenticate(key, _client);
        if (authentication.Refusal is { } refusal)
        {
            var (code, reason) = refusal.Status == StatusCodes.Status503ServiceUnavailable
                ? (CloseCodes.TryAgainLater, "Try again later")
                : (CloseCodes.Forbidden, "Forbidden");
            await CloseAsync(code, $"{reason}: {refusal.Code}");
            return;
        }

        // A key presented now moves the socket from the upgrade's caller to the key's.
        var caller = Caller.Of(authentication.User!);
        if (caller.Partition != Caller.Of(_user).Partition)
        {
            if (_openStreams.TryOpenSocket(caller) is not { } slot)
            {
                await CloseAsync(CloseCodes.PolicyViolation, $"Too many connections: at most {_openStreams.SocketsAllowed(caller)} at once for this caller");
                return;
            }

            _slot.Dispose();
            _slot = slot;
        }

        _user = authentication.User!;
        _acknowledged = true;
        _outbox.Send(new Frame(FrameKind.Acknowledge, null, default));
    }

    private async Task SubscribeAsync(JsonElement message)
    {
        if (!_acknowledged)
        {
            await CloseAsync(CloseCodes.Unauthorized, "Unauthorized");
            return;
        }

        OperationRequest request;
        try
        {
            request = Id(message) is not null && message.TryGetProperty("payload", out var payload)
                ? _reader.ReadObject(payload)
                : throw new TransportException(StatusCodes.Status400BadRequest, "INVALID_REQUEST", "a subscribe message needs an id and a payload");
        }
        catch (TransportException e)
        {
            await CloseAsync(CloseCodes.BadRequest, $"Invalid message received: {e.Message}");
            return;
        }

        if (!SubscribeAllowed())
        {
            await CloseAsync(CloseCodes.PolicyViolation, $"Too many subscribe messages: at most {_budgets.SubscribesPerSecond} a second");
            return;
        }

        var id = Id(message)!;
        if (_subscriptions.Count >= _budgets.SubscriptionsPerConnection)
        {
            SendError(id, new ExecutionError($"A connection holds at most {_budgets.SubscriptionsPerConnection} subscriptions: complete one first.") { Code = "TOO_MANY_SUBSCRIPTIONS" });
            return;
        }

        // Registered before it runs, so a duplicate id or an early complete is handled whatever the timing.
        if (!_subscriptions.TryAdd(id, null))
        {
            await CloseAsync(CloseCodes.SubscriberExists, $"Subscriber for {id} already exists");
            return;
        }

        // Started beside the reading, so a slow start does not hold up this client's other messages.
        _starting = Task.WhenAll(_starting, StartAsync(id, request));
    }

    /// <summary>Subscribe messages are paced per connection (a bucket made at the first one, so idle connections hold none).</summary>
    private bool SubscribeAllowed()
    {
        _subscribes ??= new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, _budgets.SubscribeBurst),
            TokensPerPeriod = Math.Max(1, _budgets.SubscribesPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        using var lease = _subscribes.AttemptAcquire();
        return lease.IsAcquired;
    }

    private void SendError(string id, params ExecutionError[] errors) =>
        _outbox.Send(new Frame(FrameKind.Error, id, Encoding.UTF8.GetBytes(_serializer.Serialize(errors))));

    private async Task PongAsync(Task started)
    {
        await started.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _outbox.Send(new Frame(FrameKind.Pong, null, default));
    }

    private async Task StartAsync(string id, OperationRequest request)
    {
        try
        {
            var started = await _hub.StartAsync(request, _user, _mayMutate,
                latestWins => new OutboxSubscriber(_outbox, id, latestWins, () => _subscriptions.TryRemove(id, out _)), _closed.Token);
            if (started.Refused is { } refused)
            {
                if (_subscriptions.TryRemove(id, out _)) SendError(id, [.. refused.Errors!]);
            }
            else if (started.Ticket is { } ticket && !_subscriptions.TryUpdate(id, ticket, null))
            {
                ticket.Dispose(); // the client completed it while it started
            }
        }
        catch (Exception e) when (!_closed.IsCancellationRequested)
        {
            _logger.LogError(e, "Subscription {Id} failed to start", id);
            await CloseAsync(CloseCodes.InternalError, "Internal server error");
        }
    }

    /// <summary>
    /// The single writer: frames from the outbox, in order, one at a time. Each message is the shared payload
    /// bytes inside this subscription's envelope, assembled in a pooled buffer (nothing held while idle).
    /// </summary>
    private async Task WriteAsync()
    {
        await foreach (var queued in _outbox.Reader.ReadAllAsync())
        {
            if (_outbox.Overflowed.IsCancellationRequested)
            {
                queued.Delivery?.Done();
                _instruments.ClosedSlow(Transport);
                await CloseAsync(CloseCodes.TryAgainLater, Outbox.TooFarBehind);
                return;
            }

            var frame = queued;
            if (frame.Kind == FrameKind.Latest && !_outbox.TakeLatest(frame.Id!, out frame)) continue;
            var message = Envelope(frame.Kind, frame.Id, frame.Payload, out var length);
            try
            {
                if (!await SendAsync(message.AsMemory(0, length))) return;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(message);
                frame.Delivery?.Done();
            }
        }
    }

    /// <summary><c>{"id":…,"type":…,"payload":…}</c> in a rented buffer.</summary>
    private static byte[] Envelope(FrameKind kind, string? id, ReadOnlyMemory<byte> payload, out int length)
    {
        var type = kind switch
        {
            FrameKind.Acknowledge => "connection_ack"u8,
            FrameKind.Pong => "pong"u8,
            FrameKind.Complete => "complete"u8,
            FrameKind.Error => "error"u8,
            _ => "next"u8,
        };
        var encodedId = id is null ? default : JsonEncodedText.Encode(id).EncodedUtf8Bytes;
        var hasPayload = kind is FrameKind.Next or FrameKind.Latest or FrameKind.Error;
        var buffer = ArrayPool<byte>.Shared.Rent(64 + encodedId.Length + type.Length + payload.Length);
        var writer = new SpanWriter(buffer);
        writer.Write("{"u8);
        if (id is not null)
        {
            writer.Write("\"id\":\""u8);
            writer.Write(encodedId);
            writer.Write("\","u8);
        }

        writer.Write("\"type\":\""u8);
        writer.Write(type);
        writer.Write("\""u8);
        if (hasPayload)
        {
            writer.Write(",\"payload\":"u8);
            writer.Write(payload.Span);
        }

        writer.Write("}"u8);
        length = writer.Length;
        return buffer;
    }

    private ref struct SpanWriter(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Length { get; private set; }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_buffer[Length..]);
            Length += bytes.Length;
        }
    }

    private async Task<bool> SendAsync(ReadOnlyMemory<byte> message)
    {
        await _sending.WaitAsync();
        try
        {
            if (_socket.State != WebSocketState.Open || Volatile.Read(ref _closing) == 1) return false;
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, _closed.Token);
            return true;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            return false;
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task CloseAsync(int code, string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1) return;
        await _sending.WaitAsync();
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // Already gone.
        }
        finally
        {
            _sending.Release();
        }

        // Give the client a moment to answer the close, then stop reading.
        _closed.CancelAfter(TimeSpan.FromSeconds(2));
    }

    private async Task<byte[]?> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var token = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        var message = new ArrayBufferWriter<byte>(512);
        while (true)
        {
            var result = await _socket.ReceiveAsync(message.GetMemory(512), token.Token);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Advance(result.Count);
            if (message.WrittenCount > _options.MaxMessageBytes)
            {
                await CloseAsync(CloseCodes.MessageTooBig, $"Messages are limited to {_options.MaxMessageBytes} bytes");
                return null;
            }

            if (result.EndOfMessage) return message.WrittenSpan.ToArray();
        }
    }

    private static string? Id(JsonElement message) =>
        message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value ? value : null;
}
