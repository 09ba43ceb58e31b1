using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using ElectionGraph.Domain;
using ElectionGraph.Storage;

namespace ElectionGraph.Tests.Support;

/// <summary>
/// A store that runs nothing: every query the API issues is translated by the wrapped (offline) Mongo
/// store and recorded as its MQL, and comes back empty. With it, a GraphQL operation shows the pipelines
/// MongoDB would run for it.
/// </summary>
public sealed class CapturingStore(IDocumentStore mongo) : IDocumentStore
{
    public ConcurrentQueue<string> Pipelines { get; } = new();

    public IDocumentCollection<T> Collection<T>() where T : class, IDocument => new CapturingCollection<T>(mongo.Collection<T>(), Pipelines);

    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task PingAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<ImportSummary> ImportAsync(IReadOnlyList<IDocument> documents, IProgress<int>? written = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class CapturingCollection<T>(IDocumentCollection<T> mongo, ConcurrentQueue<string> pipelines) : IDocumentCollection<T> where T : class, IDocument
    {
        public IQueryable<T> Query() => new Captured<T>(mongo.Query(), pipelines);

        public Task<T> UpsertAsync(T document, long expectedVersion, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<T>> UpsertManyAsync(IReadOnlyList<(T Document, long ExpectedVersion)> writes, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IChangeStream<T>> WatchAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class Captured<T>(IQueryable<T> mongo, ConcurrentQueue<string> pipelines) : IOrderedQueryable<T>
    {
        public Type ElementType => typeof(T);
        public Expression Expression => mongo.Expression;
        public IQueryProvider Provider { get; } = new CapturingProvider(mongo.Provider, pipelines);

        public IEnumerator<T> GetEnumerator()
        {
            pipelines.Enqueue(Mql(mongo));
            return Enumerable.Empty<T>().GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class CapturingProvider(IQueryProvider mongo, ConcurrentQueue<string> pipelines) : IQueryProvider
    {
        public IQueryable CreateQuery(Expression expression) => throw new NotSupportedException();

        public IQueryable<TElement> CreateQuery<TElement>(Expression expression) =>
            new Captured<TElement>(mongo.CreateQuery<TElement>(expression), pipelines);

        public object Execute(Expression expression) => throw new NotSupportedException();

        /// <summary>Count, FirstOrDefault, …: records the pipeline they apply to, prefixed with the operator.</summary>
        public TResult Execute<TResult>(Expression expression)
        {
            var call = (MethodCallExpression)expression;
            var source = call.Arguments[0];
            var query = (IQueryable)typeof(IQueryProvider).GetMethods()
                .Single(m => m.Name == nameof(IQueryProvider.CreateQuery) && m.IsGenericMethod)
                .MakeGenericMethod(source.Type.GetGenericArguments()[0])
                .Invoke(mongo, [source])!;
            pipelines.Enqueue($"{call.Method.Name}: {Mql(query)}");
            return default!;
        }
    }

    private static string Mql(IQueryable query)
    {
        var text = query.ToString()!;
        return text.Contains("Expression not supported") ? throw new InvalidOperationException(text) : text;
    }
}
