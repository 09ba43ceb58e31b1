using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text;
using ElectionGraph.Api.Cors;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Schema;
using ElectionGraph.Api.Security;
using ElectionGraph.Api.Telemetry;
using ElectionGraph.Api.Transport;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace ElectionGraph.Api.Subscriptions;

/// <summary>Where a running operation delivers: one client's subscription, on any transport.</summary>
public interface ISubscriber
{
    /// <param name="delivery">The declaration the payload carries (null for other payloads): tell it when sent.</param>
    void Next(ReadOnlyMemory<byte> payload, Delivery? delivery);

    void Complete();

    /// <summary>The operation ended with errors (a JSON array of GraphQL errors), e.g. the store's feed failed.</summary>
    void Fail(ReadOnlyMemory<byte> errors);
}

/// <summary>An operation started for a client: a live stream (leave it by disposing the ticket), or refused.</summary>
/// <param name="Refused">The errors that stopped it before any data (validation, authorisation, …).</param>
public sealed record Started(IDisposable? Ticket, ExecutionResult? Refused);

/// <summary>
/// Runs operations for WebSocket and SSE clients. A subscription runs once for all the clients that ask the
/// same (document, operation, variables, role): each event is resolved and serialised once, and the same
/// bytes go to each of them. Queries and mutations run once for their client.
/// </summary>
/// <remarks>
/// A client's subscription is live when <see cref="StartAsync"/> returns its ticket: from then on every
/// declaration the store accepts reaches it, once, in the order accepted.
/// </remarks>
public sealed class SubscriptionHub(
    IDocumentExecuter<ISchema> executer, ISchema schema, IGraphQLTextSerializer serializer, BoundedSerializer answers,
    IServiceScopeFactory scopes, PersistedQueries persisted, DocumentCache documents, Rehearsal rehearsal, Instruments instruments)
{
    /// <summary>Metadata on a subscription field whose subscribers only need its newest value.</summary>
    public const string LatestWins = "latestWins";

    private readonly ConcurrentDictionary<string, Lazy<Task<SharedSubscription>>> _running = new();
    private readonly Instruments _instruments = instruments;
    private int _live;

    /// <summary>Distinct subscriptions running or starting now, each shared by all its subscribers.</summary>
    public int Running => _running.Count;

    /// <summary>Clients' subscriptions that are live: started, and not yet left or completed.</summary>
    public int Live => Volatile.Read(ref _live);

    /// <param name="mayMutate">Whether the client's page may send mutations (<see cref="Origins.MayWrite"/>).</param>
    /// <param name="subscriberFor">The client's subscriber, told whether only the newest value matters.</param>
    public async Task<Started> StartAsync(
        OperationRequest request, ClaimsPrincipal user, bool mayMutate, Func<bool, ISubscriber> subscriberFor, CancellationToken cancellationToken)
    {
        string query;
        try
        {
            query = persisted.Resolve(request);
        }
        catch (PersistedQueryException e)
        {
            return new Started(null, new ExecutionResult { Errors = [e] });
        }

        var parsed = documents.Parse(query);
        if (parsed.Error is { } unparsed) return new Started(null, new ExecutionResult { Errors = [unparsed] });
        var operation = parsed.Operation(request.OperationName);
        if (operation?.Operation == OperationType.Mutation && !mayMutate) return new Started(null, new ExecutionResult { Errors = [Origins.MutationRefused()] });
        if (operation?.Operation != OperationType.Subscription)
        {
            using var scope = scopes.CreateScope();
            var result = await ExecuteAsync(query, request, user, scope.ServiceProvider, cancellationToken);
            if (!result.Executed) return new Started(null, result);
            var subscriber = subscriberFor(false);
            subscriber.Next(Serialize(result), null);
            subscriber.Complete();
            return new Started(null, null);
        }

        var field = operation.SelectionSet.Selections.OfType<GraphQLField>().FirstOrDefault()?.Name.StringValue ?? "";
        var latestWins = schema.Subscription?.GetField(field)?.GetMetadata<bool>(LatestWins) == true;
        var key = string.Join('\n', RolesOf(user), request.OperationName, serializer.Serialize(request.Variables), query);
        while (true)
        {
            var starting = _running.GetOrAdd(key, _ => new Lazy<Task<SharedSubscription>>(() => SharedSubscription.StartAsync(this, key, field, query, request, user)));
            var shared = await starting.Value;
            if (shared.Refused is { } refused)
            {
                _running.TryRemove(new KeyValuePair<string, Lazy<Task<SharedSubscription>>>(key, starting));
                return new Started(null, refused);
            }

            var subscriber = subscriberFor(latestWins);
            if (shared.TryJoin(subscriber)) return new Started(new Ticket(() => shared.Leave(subscriber)), null);
            _running.TryRemove(new KeyValuePair<string, Lazy<Task<SharedSubscription>>>(key, starting)); // it closed as we came: start it again
        }
    }

    private Task<ExecutionResult> ExecuteAsync(string query, OperationRequest request, ClaimsPrincipal user, IServiceProvider services, CancellationToken cancellationToken) =>
        executer.ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            User = user,
            RequestServices = services,
            CancellationToken = cancellationToken,
        });

    private IServiceScope CreateScope() => scopes.CreateScope();

    /// <summary>An answer's bytes, exactly sized: they may wait in many clients' outboxes.</summary>
    private ReadOnlyMemory<byte> Serialize(ExecutionResult result)
    {
        using var answer = answers.Serialize(rehearsal.Flag(result));
        return answer.Json.ToArray();
    }

    private ReadOnlyMemory<byte> Serialize(ExecutionErrors errors) => Encoding.UTF8.GetBytes(serializer.Serialize(errors));

    /// <summary>What validation depends on: callers with the same roles share a subscription.</summary>
    private static string RolesOf(ClaimsPrincipal user) => string.Join(',', Caller.Of(user).Roles.Order(StringComparer.Ordinal));

    private sealed class Ticket(Action leave) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) leave();
        }
    }

    /// <summary>
    /// One subscription operation running for all its subscribers, in its own service scope. Its stream is
    /// subscribed before anyone joins, so a subscriber that has joined misses nothing after.
    /// </summary>
    private sealed class SharedSubscription : IObserver<ExecutionResult>
    {
        private readonly Lock _gate = new();
        private readonly SubscriptionHub _hub;
        private readonly string _key;
        private readonly string _field;
        private readonly IServiceScope _scope;
        private volatile ISubscriber[] _subscribers = [];
        private IDisposable? _upstream;
        private bool _closed;

        private SharedSubscription(SubscriptionHub hub, string key, string field, IServiceScope scope)
        {
            _hub = hub;
            _key = key;
            _field = field;
            _scope = scope;
        }

        public ExecutionResult? Refused { get; private set; }

        /// <param name="field">The subscription field, as metrics name it (a field of the schema: validation refuses others before any event).</param>
        public static async Task<SharedSubscription> StartAsync(SubscriptionHub hub, string key, string field, string query, OperationRequest request, ClaimsPrincipal user)
        {
            var shared = new SharedSubscription(hub, key, field, hub.CreateScope());
            // The stream outlives any one request: it ends when its last subscriber leaves, not with a token.
            var result = await hub.ExecuteAsync(query, request, user, shared._scope.ServiceProvider, CancellationToken.None);
            if (result.Streams?.Values.SingleOrDefault() is { } stream && result.Errors is null)
            {
                shared._upstream = stream.Subscribe(shared);
                return shared;
            }

            shared.Refused = result;
            shared._scope.Dispose();
            return shared;
        }

        public bool TryJoin(ISubscriber subscriber)
        {
            lock (_gate)
            {
                if (_closed) return false;
                _subscribers = [.. _subscribers, subscriber];
            }

            Interlocked.Increment(ref _hub._live);
            _hub._instruments.Subscriptions(_field, +1);
            return true;
        }

        public void Leave(ISubscriber subscriber)
        {
            lock (_gate)
            {
                if (!_subscribers.Contains(subscriber)) return; // completed already
                _subscribers = [.. _subscribers.Where(s => s != subscriber)];
                Interlocked.Decrement(ref _hub._live);
                _hub._instruments.Subscriptions(_field, -1);
                if (_subscribers.Length > 0 || _closed) return;
                _closed = true;
            }

            Close();
        }

        public void OnNext(ExecutionResult value)
        {
            var subscribers = _subscribers;
            var delivery = Delivery.Of(value, subscribers.Length, _hub._instruments);
            using var span = delivery?.Trace(_field);
            var payload = _hub.Serialize(value);
            foreach (var subscriber in subscribers) subscriber.Next(payload, delivery);
            _hub._instruments.Messages(_field, subscribers.Length);
        }

        /// <summary>
        /// The stream failed: GraphQL.NET hands over the failure as a coded <see cref="ExecutionError"/> (the store's
        /// feed failing is STORE_UNAVAILABLE), which every subscriber is sent before its subscription ends.
        /// </summary>
        public void OnError(Exception error)
        {
            var errors = _hub.Serialize(new ExecutionErrors { error as ExecutionError ?? new ExecutionError("The subscription failed.", error) });
            End(subscriber => subscriber.Fail(errors));
        }

        public void OnCompleted() => End(subscriber => subscriber.Complete());

        private void End(Action<ISubscriber> tell)
        {
            ISubscriber[] subscribers;
            lock (_gate)
            {
                if (_closed) return;
                _closed = true;
                subscribers = _subscribers;
                _subscribers = [];
                Interlocked.Add(ref _hub._live, -subscribers.Length);
                _hub._instruments.Subscriptions(_field, -subscribers.Length);
            }

            foreach (var subscriber in subscribers) tell(subscriber);
            Close();
        }

        private void Close()
        {
            // Only this one: a new one may already run under the same key.
            if (_hub._running.TryGetValue(_key, out var current) && current.IsValueCreated
                && current.Value.IsCompletedSuccessfully && current.Value.Result == this)
                _hub._running.TryRemove(new KeyValuePair<string, Lazy<Task<SharedSubscription>>>(_key, current));
            _upstream?.Dispose();
            _scope.Dispose();
        }
    }
}
