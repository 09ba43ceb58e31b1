using GraphQL.Validation;
using GraphQLParser.AST;

namespace ElectionGraph.Api.Security;

/// <summary>
/// Mutations are for the results desk. Checked while validating, so nothing runs for anyone else, on every
/// transport (HTTP, WebSocket, SSE) and for cached documents too.
/// </summary>
public sealed class ResultsDeskOnly : IValidationRule
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";

    public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        ValueTask.FromResult<INodeVisitor?>(context.Operation.Operation == OperationType.Mutation && context.User?.IsInRole(Roles.ResultsDesk) != true
            ? new MatchingNodeVisitor<GraphQLOperationDefinition>((operation, validation) =>
            {
                if (operation != validation.Operation) return;
                var anonymous = validation.User?.Identity?.IsAuthenticated != true;
                validation.ReportError(new ValidationError(
                    validation.Document.Source,
                    number: null,
                    anonymous
                        ? "Mutations need the results desk's API key (X-Api-Key or Authorization: Bearer)."
                        : "This API key may not declare results.",
                    operation) { Code = anonymous ? Unauthenticated : Forbidden });
            })
            : null);

    public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

    public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) => default;
}
