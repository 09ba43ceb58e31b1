using System.Text;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace ElectionGraph.Api.Limits;

/// <summary>A query text parsed: its document, or the coded error that refuses it.</summary>
public sealed record ParsedDocument(GraphQLDocument? Document, ExecutionError? Error)
{
    /// <summary>The operation a request selects: by name, or the only one (an empty name is none, as for the executer); null when there is no such operation.</summary>
    public GraphQLOperationDefinition? Operation(string? name) => Select(Document, name);

    public static GraphQLOperationDefinition? Select(GraphQLDocument? document, string? name) =>
        document?.Definitions.OfType<GraphQLOperationDefinition>().FirstOrDefault(o => string.IsNullOrEmpty(name) || o.Name?.StringValue == name);
}

/// <summary>
/// Parses documents within the limits, so that no text a stranger sends can make parsing expensive or
/// crash it: the size in bytes first, then one pass of the lexer counting tokens and open brackets (the
/// parser has no token limit, and its own depth limit throws an exception nobody handles), then the parser.
/// Every failure is a coded GraphQL error, never an exception.
/// </summary>
public static class DocumentParser
{
    public static ParsedDocument Parse(string query, LimitsOptions limits)
    {
        try
        {
            var refusal = Measure(query, limits);
            if (refusal is not null) return new ParsedDocument(null, refusal);
            // Each bracket opens at most a few AST levels: the lexer's count is what bites, this is only a backstop.
            var options = new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = 4 * limits.MaxNesting + 16 };
            return new ParsedDocument(Parser.Parse(query, options), null);
        }
        catch (GraphQLSyntaxErrorException e)
        {
            return new ParsedDocument(null, new SyntaxError(e));
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return new ParsedDocument(null, TooDeep(limits));
        }
    }

    private static LimitError? Measure(string query, LimitsOptions limits)
    {
        var bytes = Encoding.UTF8.GetByteCount(query);
        if (bytes > limits.MaxDocumentBytes)
            return new LimitError("DOCUMENT_TOO_LARGE", $"The document is {bytes} bytes; at most {limits.MaxDocumentBytes} are accepted.",
                limits.MaxDocumentBytes, "bytes", bytes);

        ROM source = query;
        int position = 0, tokens = 0, open = 0;
        while (Lexer.Lex(source, position) is { Kind: not TokenKind.EOF } token)
        {
            position = token.End;
            if (token.Kind == TokenKind.COMMENT) continue;
            if (++tokens > limits.MaxTokens)
                return new LimitError("TOO_MANY_TOKENS", $"The document has more than {limits.MaxTokens} tokens (names, values and punctuation).", limits.MaxTokens);
            if (token.Kind is TokenKind.BRACE_L or TokenKind.BRACKET_L or TokenKind.PAREN_L && (++open > limits.MaxNesting)) return TooDeep(limits);
            if (token.Kind is TokenKind.BRACE_R or TokenKind.BRACKET_R or TokenKind.PAREN_R) open--;
        }

        return null;
    }

    private static LimitError TooDeep(LimitsOptions limits) =>
        new("DOCUMENT_TOO_DEEP", $"The document nests more than {limits.MaxNesting} levels of brackets ({{ [ ( ).", limits.MaxNesting);
}
