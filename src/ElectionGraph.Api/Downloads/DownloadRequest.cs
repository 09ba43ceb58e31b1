using System.Text.Json;
using System.Text.RegularExpressions;
using ElectionGraph.Api.Conventions.Paging;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Transport;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace ElectionGraph.Api.Downloads;

/// <summary>
/// A download asked for: <c>/downloads/{list}.{csv|jsonl}?electionId=…&amp;where={…}&amp;order=[…]</c>, read
/// as the GraphQL operation it stands for, <c>query Download($where: …) { list(where: $where …) }</c>, so the
/// arguments are coerced and checked by GraphQL.NET's own rules and the same limits (variables, filter), and
/// the list's resolver context is the one its pages get.
/// </summary>
/// <param name="Context">The list field's resolver context, with its arguments.</param>
/// <param name="PageCost">What each page of <see cref="PageRows"/> rows costs besides its rows: the list's store work and its arguments, as for a page of the GraphQL list.</param>
/// <param name="Arguments">The arguments as given (query-string text), for the ETag.</param>
public sealed partial record DownloadRequest(
    FieldType List, Downloadable Rows, DownloadFormat Format, IResolveFieldContext Context, long PageCost, IReadOnlyDictionary<string, string> Arguments)
{
    /// <summary>Rows charged, and sent, at a time: a page of the GraphQL list at its largest.</summary>
    public const int PageRows = PageRequest.MaxSize;

    /// <summary>Arguments that narrow a list (any other, such as <c>electionId</c>, names the slice in the file name).</summary>
    private static readonly string[] Narrowing = ["where", "updatedSince"];

    /// <summary>A meaningful file name: the list, its own arguments (the election), and <c>filtered</c> when narrowed.</summary>
    public string FileName
    {
        get
        {
            var parts = Arguments.Where(a => a.Key != "order" && !Narrowing.Contains(a.Key)).Select(a => Safe().Replace(a.Value, "_"))
                .Append(Arguments.Keys.Any(Narrowing.Contains) ? "filtered" : null).OfType<string>();
            var name = string.Join('-', parts.Prepend(List.Name));
            return $"{name[..Math.Min(name.Length, 150)]}.{Format.Extension}";
        }
    }

    /// <exception cref="DownloadRefusedException">Not a list, not a format, or arguments GraphQL would refuse (each with its code).</exception>
    public static async Task<DownloadRequest> ReadAsync(HttpContext http, string file, ISchema schema, RequestReader reader, DocumentCache documents, IDocumentValidator validator)
    {
        var dot = file.LastIndexOf('.');
        var list = dot > 0 ? schema.Query.GetField(file[..dot]) : null;
        var rows = Downloadable.Of(list) ?? throw DownloadRefusedException.NotFound("UNKNOWN_LIST",
            $"No list is called '{(dot > 0 ? file[..dot] : file)}': download one of {string.Join(", ", Lists(schema).Select(l => l.Name))} (see /downloads/README.md).");
        var format = DownloadFormat.All.FirstOrDefault(f => f.Extension == file[(dot + 1)..]) ?? throw DownloadRefusedException.NotFound("UNKNOWN_FORMAT",
            $"Lists download as {string.Join(" or ", DownloadFormat.All.Select(f => $"{list!.Name}.{f.Extension}"))}.");

        var arguments = list!.Arguments!.Where(a => !PageRequest.Arguments.Contains(a.Name)).ToDictionary(a => a.Name);
        var given = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in http.Request.Query)
        {
            if (!arguments.ContainsKey(name))
                throw DownloadRefusedException.BadRequest("UNKNOWN_ARGUMENT",
                    $"{list.Name} takes {string.Join(", ", arguments.Keys)}; not '{name}' (a download holds every row: there is no paging).");
            if (values.Count != 1) throw DownloadRefusedException.BadRequest("INVALID_REQUEST", $"'{name}' is given more than once.");
            given[name] = values[0]!;
        }

        Inputs variables;
        try
        {
            variables = reader.Variables(JsonSerializer.SerializeToElement(given.ToDictionary(a => a.Key, a => Json(a.Key, a.Value, arguments[a.Key]))))
                        ?? Inputs.Empty;
        }
        catch (TransportException e)
        {
            throw new DownloadRefusedException(e.Status, [new ExecutionError(e.Message) { Code = e.Code }]);
        }

        // The document depends only on the list and which arguments are given, so DocumentCache holds a few dozen at most.
        var declared = given.Count == 0 ? "" : $"({string.Join(", ", given.Keys.Select(n => $"${n}: {arguments[n].ResolvedType}"))})";
        var passed = given.Count == 0 ? "" : $"({string.Join(", ", given.Keys.Select(n => $"{n}: ${n}"))})";
        var document = documents.Parse($"query Download{declared} {{ {list.Name}{passed} {{ __typename }} }}").Document!;
        var operation = document.Definitions.OfType<GraphQLOperationDefinition>().Single();
        var validation = await validator.ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = operation,
            Variables = variables,
            Rules = [.. DocumentValidator.CoreRules, .. http.RequestServices.GetServices<IValidationRule>()],
            UserContext = new Dictionary<string, object?>(),
            RequestServices = http.RequestServices,
            User = http.User,
            CancellationToken = http.RequestAborted,
        });
        // Positions in a document the caller never wrote would mislead: only the message and code.
        if (!validation.IsValid) throw DownloadRefusedException.BadRequest(validation.Errors.Select(e => new ExecutionError(e.Message) { Code = e.Code }));

        var field = (GraphQLField)operation.SelectionSet.Selections.Single();
        var context = new ResolveFieldContext
        {
            FieldAst = field,
            FieldDefinition = list,
            ParentType = schema.Query,
            Arguments = ExecutionHelper.GetArguments(list.Arguments, field.Arguments, validation.Variables!, document, field, null),
            Schema = schema,
            Document = document,
            Operation = operation,
            Variables = validation.Variables!,
            UserContext = new Dictionary<string, object?>(),
            Errors = [],
            RequestServices = http.RequestServices,
            User = http.User,
            CancellationToken = http.RequestAborted,
        };
        // Each page of the GraphQL list costs its store work, its arguments' values and the connection object.
        var pageCost = Points.Sum(Points.OfField(list, field, variables), 1);
        return new DownloadRequest(list, rows, format, context, pageCost, given);
    }

    /// <summary>The lists of the schema, each a download.</summary>
    public static IEnumerable<FieldType> Lists(ISchema schema) => schema.Query.Fields.Where(f => Downloadable.Of(f) is not null);

    /// <summary>
    /// An argument's query-string text as the JSON value of its variable: input objects, lists, numbers and
    /// booleans are written as JSON (<c>where={"partyCode":{"eq":"LAB"}}</c>); ids, text and times as they are.
    /// </summary>
    private static JsonElement Json(string name, string text, QueryArgument argument)
    {
        if (argument.ResolvedType is not (ListGraphType or NonNullGraphType { ResolvedType: ListGraphType })
            && argument.ResolvedType!.GetNamedType() is not (IInputObjectGraphType or IntGraphType or FloatGraphType or BooleanGraphType))
            return JsonSerializer.SerializeToElement(text);
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw DownloadRefusedException.BadRequest("INVALID_JSON", $"'{name}' must be URL-encoded JSON: {e.Message}");
        }
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex Safe();
}

/// <summary>A download refused before anything is sent: its status and coded errors, written as a GraphQL answer's errors.</summary>
public sealed class DownloadRefusedException(int status, IReadOnlyList<ExecutionError> errors) : Exception(errors[0].Message)
{
    public int Status { get; } = status;

    public IReadOnlyList<ExecutionError> Errors { get; } = errors;

    public static DownloadRefusedException BadRequest(string code, string message) => BadRequest([new ExecutionError(message) { Code = code }]);

    public static DownloadRefusedException BadRequest(IEnumerable<ExecutionError> errors) => new(StatusCodes.Status400BadRequest, [.. errors]);

    public static DownloadRefusedException NotFound(string code, string message) => new(StatusCodes.Status404NotFound, [new ExecutionError(message) { Code = code }]);
}
