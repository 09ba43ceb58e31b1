using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Claims;
using System.Text;
using ElectionGraph.Api.Schema;
using ElectionGraph.Api.Security;
using ElectionGraph.Api.Transport;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace ElectionGraph.Api.Subscriptions;

/// <summary>Where a running operation delivers: one client's subscription, on any transport.</summary>
public interface ISubscriber
{
    void Next(ReadOnlyMemory<byte> payload);

    void Complete();
}

/// <summary>An operation started for a client: a live stream (leave it by disposing the ticket), or refused.</summary>
/// <param name="Refused">The errors that stopped it before any data (validation, authorisation, …).</param>
public sealed record Started(IDisposable? Ticket, ExecutionResult? Refused);

/// <summary>
/// Runs operations for WebSocket and SSE clients. A subscription is executed once per distinct shape
/// (document, operation, variables, role): each event is resolved and serialised once, and the same bytes
/// go to every subscriber of that shape. Queries and mutations run once for their client.
/// </summary>
public sealed class SubscriptionHub(
    IDocumentExecuter<ISchema> executer, ISchema schema, IGraphQLTextSerializer serializer,
    IServiceScopeFactory scopes, PersistedQueries persisted, DocumentCache documents, Rehearsal rehearsal)
{
    /// <summary>Metadata on a subscription field whose subscribers only need its newest value.</summary>
    public const string LatestWins = "latestWins";

    private readonly ConcurrentDictionary<string, Lazy<Task<Shape>>> _shapes = new();

    /// <summary>Shapes running now (each shared by all its subscribers).</summary>
    public int Shapes => _shapes.Count;

    /// <param name="subscriberFor">The client's subscriber, told whether only the newest value matters.</param>
    public async Task<Started> StartAsync(OperationRequest request, ClaimsPrincipal user, Func<bool, ISubscriber> subscriberFor, CancellationToken cancellationToken)
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

        var operation = documents.Operation(query, request.OperationName);
        if (operation?.Operation != OperationType.Subscription)
        {
            using var scope = scopes.CreateScope();
            var result = await ExecuteAsync(query, request, user, scope.ServiceProvider, cancellationToken);
            if (!result.Executed) return new Started(null, result);
            var subscriber = subscriberFor(false);
            subscriber.Next(Serialize(result));
            subscriber.Complete();
            return new Started(null, null);
        }

        var field = operation.SelectionSet.Selections.OfType<GraphQLField>().FirstOrDefault()?.Name.StringValue;
        var latestWins = field is not null && schema.Subscription?.GetField(field)?.GetMetadata<bool>(LatestWins) == true;
        var key = string.Join('\n', Role(user), request.OperationName, serializer.Serialize(request.Variables), query);
        while (true)
        {
            var starting = _shapes.GetOrAdd(key, _ => new Lazy<Task<Shape>>(() => Shape.StartAsync(this, key, query, request, user)));
            var shape = await starting.Value;
            if (shape.Refused is { } refused)
            {
                _shapes.TryRemove(new KeyValuePair<string, Lazy<Task<Shape>>>(key, starting));
                return new Started(null, refused);
            }

            var subscriber = subscriberFor(latestWins);
            if (shape.TryJoin(subscriber)) return new Started(new Ticket(() => shape.Leave(subscriber)), null);
            _shapes.TryRemove(new KeyValuePair<string, Lazy<Task<Shape>>>(key, starting)); // it closed as we came: start it again
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

    private ReadOnlyMemory<byte> Serialize(ExecutionResult result) => Encoding.UTF8.GetBytes(serializer.Serialize(rehearsal.Flag(result)));

    private static string Role(ClaimsPrincipal user) => user.IsInRole(Roles.ResultsDesk) ? Roles.ResultsDesk : "public";

    private sealed class Ticket(Action leave) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) leave();
        }
    }

    /// <summary>One subscription operation running for all its subscribers, in its own service scope.</summary>
    private sealed class Shape : IObserver<ExecutionResult>
    {
        private readonly Lock _gate = new();
        private readonly SubscriptionHub _hub;
        private readonly string _key;
        private readonly IServiceScope _scope;
        private ImmutableArray<ISubscriber> _subscribers = [];
        private IDisposable? _upstream;
        private bool _closed;

        private Shape(SubscriptionHub hub, string key, IServiceScope scope)
        {
            _hub = hub;
            _key = key;
            _scope = scope;
        }

        public ExecutionResult? Refused { get; private set; }

        public static async Task<Shape> StartAsync(SubscriptionHub hub, string key, string query, OperationRequest request, ClaimsPrincipal user)
        {
            var shape = new Shape(hub, key, hub.CreateScope());
            // The stream outlives any one request: it ends when its last subscriber leaves, not with a token.
            var result = await hub.ExecuteAsync(query, request, user, shape._scope.ServiceProvider, CancellationToken.None);
            if (result.Streams?.Values.SingleOrDefault() is { } stream && result.Errors is null)
            {
                shape._upstream = stream.Subscribe(shape);
                return shape;
            }

            shape.Refused = result;
            shape._scope.Dispose();
            return shape;
        }

        public bool TryJoin(ISubscriber subscriber)
        {
            lock (_gate)
            {
                if (_closed) return false;
                _subscribers = _subscribers.Add(subscriber);
                return true;
            }
        }

        public void Leave(ISubscriber subscriber)
        {
            lock (_gate)
            {
                _subscribers = _subscribers.Remove(subscriber);
                if (!_subscribers.IsEmpty || _closed) return;
                _closed = true;
            }

            Close();
        }

        public void OnNext(ExecutionResult value)
        {
            var payload = _hub.Serialize(value);
            foreach (var subscriber in _subscribers) subscriber.Next(payload);
        }

        public void OnError(Exception error) => OnCompleted();

        public void OnCompleted()
        {
            ImmutableArray<ISubscriber> subscribers;
            lock (_gate)
            {
                if (_closed) return;
                _closed = true;
                subscribers = _subscribers;
            }

            foreach (var subscriber in subscribers) subscriber.Complete();
            Close();
        }

        private void Close()
        {
            // Only this shape: a new one may already run under the same key.
            if (_hub._shapes.TryGetValue(_key, out var current) && current.IsValueCreated
                && current.Value.IsCompletedSuccessfully && current.Value.Result == this)
                _hub._shapes.TryRemove(new KeyValuePair<string, Lazy<Task<Shape>>>(_key, current));
            _upstream?.Dispose();
            _scope.Dispose();
        }
    }
}
