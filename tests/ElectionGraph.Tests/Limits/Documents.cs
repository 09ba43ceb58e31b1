namespace ElectionGraph.Tests.Limits;

/// <summary>The documents of issue 9's "Why", as a hostile or careless client sent them, and the results map they abuse.</summary>
public static class Documents
{
    /// <summary>The results map as a partner polls it: every council's control and seats, 500 a page.</summary>
    public const string ResultsMapField =
        """councilResults(electionId: "local.2019-05-02", first: 500) { nodes { council { name region } control { before after } seats { partyCode won change party { name } } } }""";

    public const string ResultsMap = $"{{ {ResultsMapField} }}";

    /// <summary>The results map with the election's reported totals on every result: 67 MB at 100 aliases.</summary>
    public const string HeavyMapField =
        """councilResults(electionId: "local.2019-05-02", first: 500) { nodes { council { name region } control { before after } seats { partyCode won change party { name } } election { reportedTotals { nation partyCode seatsWon seatsChange } } } }""";

    public static string Aliased(int times, string field) =>
        "{ " + string.Join(" ", Enumerable.Range(1, times).Select(i => $"a{i}: {field}")) + " }";

    /// <summary>Two fragments a level, each spreading both of the next level, ending in a party's name: 2^levels copies of it.</summary>
    public static string FragmentBomb(int levels) =>
        "{ ...A0 } " + string.Join(" ", Enumerable.Range(0, levels).Select(i =>
            $"fragment A{i} on Query {{ ...A{i + 1} ...B{i + 1} }} fragment B{i} on Query {{ ...A{i + 1} ...B{i + 1} }}"))
        + $$""" fragment A{{levels}} on Query { party(code: "CON") { name } } fragment B{{levels}} on Query { party(code: "CON") { name } }""";

    /// <summary>A selection nested <paramref name="levels"/> deep.</summary>
    public static string Nested(int levels) => "{ " + string.Concat(Enumerable.Repeat("a { ", levels)) + "b" + new string('}', levels + 1);

    /// <summary>A filter of <paramref name="levels"/> nested and/or, written inline.</summary>
    public static string NestedFilter(int levels) =>
        """{ councilResults(electionId: "local.2019-05-02", where: """
        + string.Concat(Enumerable.Range(0, levels).Select(i => i % 2 == 0 ? "{ and: [" : "{ or: ["))
        + "{ seatsUp: { eq: 1 } }" + string.Concat(Enumerable.Repeat("] }", levels)) + ") { totalCount } }";

    /// <summary>The introspection query GraphiQL and code generators send.</summary>
    public const string IntrospectionFields = """
        queryType { name } mutationType { name } subscriptionType { name }
        types { ...FullType }
        directives { name description locations args { ...InputValue } }
        """;

    public const string IntrospectionFragments = """
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType {
            kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }
        }
        """;

    public const string Introspection = $"query IntrospectionQuery {{ __schema {{ {IntrospectionFields} }} }} {IntrospectionFragments}";

    public static string IntrospectionAliased(int times) =>
        "{ " + string.Join(" ", Enumerable.Range(1, times).Select(i => $"a{i}: __schema {{ {IntrospectionFields} }}")) + " } " + IntrospectionFragments;

    /// <summary>One field carrying the same directive <paramref name="times"/> over.</summary>
    public static string Directives(int times) =>
        "{ elections " + string.Concat(Enumerable.Repeat("@include(if: true) ", times)) + "{ totalCount } }";
}
