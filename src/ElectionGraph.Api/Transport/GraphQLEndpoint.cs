using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;

namespace ElectionGraph.Api.Transport;

/// <summary><c>POST /graphql</c> with a JSON body: <c>query</c>, <c>variables</c>, <c>operationName</c>.</summary>
public static class GraphQLEndpoint
{
    public static void MapGraphQLEndpoint(this IEndpointRouteBuilder endpoints, string path = "/graphql") =>
        endpoints.MapPost(path, HandleAsync);

    private static async Task HandleAsync(HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer)
    {
        GraphQLRequest? request;
        try
        {
            request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            request = null;
        }

        if (request?.Query is null)
        {
            await WriteAsync(http, serializer, StatusCodes.Status400BadRequest, new ExecutionResult
            {
                Errors = [new ExecutionError("The body must be a JSON object with a 'query' string.") { Code = "BAD_REQUEST" }],
            });
            return;
        }

        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Variables = request.Variables,
            OperationName = request.OperationName,
            Extensions = request.Extensions,
            RequestServices = http.RequestServices,
            CancellationToken = http.RequestAborted,
        });
        await WriteAsync(http, serializer, StatusCodes.Status200OK, result);
    }

    private static async Task WriteAsync(HttpContext http, IGraphQLTextSerializer serializer, int status, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
