using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace ElectionGraph.Api.Security;

/// <summary>
/// Fields marked <c>.AuthorizeWithRoles(…)</c> (every mutation; the key list) run only for a key holding one of
/// those roles. Checked while validating, so nothing runs for anyone else, on every transport (HTTP, WebSocket,
/// SSE) and for cached documents too. Only the operation that runs counts, with the fragments it spreads.
/// </summary>
public sealed class RequiredRoles : IValidationRule
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";

    private const string RestrictedKey = "electiongraph:restricted";

    /// <summary>
    /// Operations validated whole and found to select no field restricted to a role: which fields an operation selects
    /// is in its document, so a cached document's operation (the same node each time) needs no walk for roles again.
    /// </summary>
    private static readonly ConditionalWeakTable<GraphQLOperationDefinition, object> Unrestricted = new();

    /// <summary>True once validation found a field restricted to a role in the operation, whoever asked.</summary>
    public static bool Restricted(IDictionary<string, object?> userContext) => userContext.ContainsKey(RestrictedKey);

    /// <summary>Whether the operation is known to select no field restricted to a role (then this rule would find nothing).</summary>
    public static bool NoneIn(GraphQLOperationDefinition operation) => Unrestricted.TryGetValue(operation, out _);

    public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(new Visitor());

    public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

    public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) => default;

    private sealed class Visitor : INodeVisitor
    {
        private readonly HashSet<string> _refused = [];
        private List<GraphQLFragmentDefinition>? _spread;
        private bool _running;
        private bool _restricted;

        public ValueTask EnterAsync(ASTNode node, ValidationContext context)
        {
            switch (node)
            {
                case GraphQLOperationDefinition operation:
                    _running = operation == context.Operation;
                    break;
                case GraphQLFragmentDefinition fragment:
                    _spread ??= context.GetRecursivelyReferencedFragments(context.Operation) ?? [];
                    _running = _spread.Contains(fragment);
                    break;
                case GraphQLField field when _running && context.TypeInfo.GetFieldDef() is { } definition && definition.GetRoles() is { Count: > 0 } roles:
                    _restricted = true;
                    context.UserContext[RestrictedKey] = true;
                    if (!HoldsAny(context.User, roles) && _refused.Add(definition.Name))
                        Refuse(context, field, definition.Name, $"the {string.Join(" or ", roles)} role");
                    break;
            }

            return default;
        }

        public ValueTask LeaveAsync(ASTNode node, ValidationContext context)
        {
            // The whole document walked: only now is "no restricted field" known (a fragment may come after the operation).
            if (node is GraphQLDocument && !_restricted && !context.HasErrors && context.Operation is { } operation)
                Unrestricted.TryAdd(operation, operation);
            return default;
        }

        // A loop, not Any: a lambda capturing the context would be an allocation for every node of every document.
        private static bool HoldsAny(System.Security.Claims.ClaimsPrincipal? user, IEnumerable<string> roles)
        {
            foreach (var role in roles)
                if (user?.IsInRole(role) == true) return true;
            return false;
        }

        private static void Refuse(ValidationContext context, GraphQLField field, string name, string needs)
        {
            var anonymous = context.User?.Identity?.IsAuthenticated != true;
            context.ReportError(new ValidationError(context.Document.Source, number: null,
                anonymous
                    ? $"{name} needs an API key with {needs} (X-Api-Key or Authorization: Bearer)."
                    : $"This API key may not use {name}: it needs {needs}.",
                field) { Code = anonymous ? Unauthenticated : Forbidden });
        }
    }
}
