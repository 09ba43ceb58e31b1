using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Schema;
using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Api.Transport;
using ElectionGraph.Domain;
using ElectionGraph.Storage;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace ElectionGraph.Api.Webhooks;

/// <summary>
/// Runs a webhook's subscription document over one declaration (<see cref="OneDeclaration"/>), as the subscription
/// would run for a live subscriber: its arguments and <c>where</c> decide whether the declaration matches, its
/// selection what the body holds. Runs as the server's own execution (no caller): anonymous, so only the public
/// schema validates, and no partner's budget is charged for what it registered once.
/// </summary>
public sealed class WebhookRenderer(
    IDocumentExecuter<ISchema> executer, ISchema schema, IGraphQLTextSerializer serializer, BoundedSerializer answers,
    Rehearsal rehearsal, DocumentCache documents, IServiceScopeFactory scopes)
{
    /// <summary>A webhook's document, variables and operation: webhooks with the same are rendered once per declaration.</summary>
    public sealed record Document(string Query, string? OperationName, string Variables);

    /// <summary>
    /// Checks a document a partner registers: one subscription operation, to one field whose events are declarations,
    /// valid with its variables. Returns the field.
    /// </summary>
    /// <exception cref="ExecutionError">What is wrong: a webhook error, or the errors GraphQL validation reports.</exception>
    public async Task<string> CheckAsync(Document document, CancellationToken cancellationToken)
    {
        var parsed = documents.Parse(document.Query);
        if (parsed.Error is { } error) throw error;
        var operation = parsed.Operation(document.OperationName) ?? throw WebhookError.NotRegistered("query: has no such operation");
        if (operation.Operation != OperationType.Subscription) throw WebhookError.NotRegistered("query: must be a subscription");
        if (operation.SelectionSet.Selections is not [GraphQLField field]) throw WebhookError.NotRegistered("query: must select exactly one subscription field");
        var name = field.Name.StringValue;
        if (DeclaredType(name) is null)
        {
            var fields = schema.Subscription!.Fields.Where(f => f.GetMetadata<Type?>(FeedContext.Declares) is not null).Select(f => f.Name);
            throw WebhookError.NotRegistered($"query: a webhook follows declarations: subscribe to one of {string.Join(", ", fields)}, not {name}");
        }

        using var scope = scopes.CreateScope();
        var result = await ExecuteAsync(document, null, scope, cancellationToken);
        if (result.Errors is { Count: > 0 } errors) throw errors[0];
        return name;
    }

    /// <summary>The document type whose declarations a subscription field streams; null for any other field.</summary>
    public Type? DeclaredType(string field) => schema.Subscription?.GetField(field)?.GetMetadata<Type?>(FeedContext.Declares);

    /// <summary>The document's GraphQL result for the declaration, serialised; null when the declaration does not match it.</summary>
    public async Task<string?> RenderAsync(Document document, IDeclared declared, CancellationToken cancellationToken)
    {
        // The scope outlives the execution: the event is resolved (its loaders run) as the stream is read.
        using var scope = scopes.CreateScope();
        var result = await ExecuteAsync(document, declared, scope, cancellationToken);
        if (result.Streams?.Values.SingleOrDefault() is not { } stream) return null;
        var events = await stream.ToList().ToTask(cancellationToken);
        if (events is not [var single]) return null;
        // The store failed while the event was resolved: the declaration is recorded when it is back, not with errors.
        if (single.Errors?.FirstOrDefault(e => e.Code == StoreUnavailable.Code) is { } failed)
            throw new StoreUnavailableException("A webhook's document could not be resolved: " + failed.Message, failed);
        using var answer = answers.Serialize(rehearsal.Flag(single));
        return System.Text.Encoding.UTF8.GetString(answer.Json.Span);
    }

    private Task<ExecutionResult> ExecuteAsync(Document document, IDeclared? declared, IServiceScope scope, CancellationToken cancellationToken) =>
        executer.ExecuteAsync(new ExecutionOptions
        {
            Query = document.Query,
            OperationName = document.OperationName,
            Variables = serializer.Deserialize<Inputs>(document.Variables),
            UserContext = new OneDeclaration(declared).In(),
            RequestServices = scope.ServiceProvider,
            CancellationToken = cancellationToken,
        });
}
