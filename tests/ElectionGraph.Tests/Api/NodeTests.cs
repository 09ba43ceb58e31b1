using System.Text.Json;
using ElectionGraph.Api.Conventions.Nodes;
using ElectionGraph.Api.Schema;
using ElectionGraph.Storage.Bson;
using ElectionGraph.Tests.Support;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Api;

/// <summary>
/// Global object identification (README, "Ids"): every document type partners see is a Node, found again by
/// its id; ids published before the Node interface are unchanged; a bad id is null, never an error.
/// </summary>
public class NodeTests(SeededApi seeded) : IClassFixture<SeededApi>
{
    private const string NodesQuery = "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }";

    /// <summary>The schema's Node types, read from the schema, so a new one is tested without a word here.</summary>
    public static TheoryData<string> NodeTypes => new(Node.Value.PossibleTypes.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(NodeTypes))]
    public async Task Node_and_nodes_find_every_seeded_document_of_each_Node_type_by_its_id(string typeName)
    {
        var ids = SeededIds(typeName);
        Assert.NotEmpty(ids);

        foreach (var page in ids.Chunk(NodeFields.MaxIds))
        {
            var found = (await seeded.Api.QueryAsync(NodesQuery, new { ids = page })).GetProperty("nodes").EnumerateArray()
                .Select(n => (n.GetProperty("__typename").GetString()!, n.GetProperty("id").GetString()!));
            Assert.Equal(page.Select(id => (typeName, id)), found);
        }

        var one = (await seeded.Api.QueryAsync("query($id: ID!) { node(id: $id) { __typename id } }", new { id = ids[0] })).GetProperty("node");
        Assert.Equal((typeName, ids[0]), (one.GetProperty("__typename").GetString(), one.GetProperty("id").GetString()));
    }

    [Fact]
    public void Every_document_type_partners_read_is_a_Node_and_every_id_is_unique_across_them()
    {
        Assert.Equal(DocumentMaps.PublicDataTypes.ToHashSet(), Node.Value.PossibleTypes.Select(DocumentType).ToHashSet());

        var ids = Node.Value.PossibleTypes.SelectMany(t => SeededIds(t.Name)).ToList();
        Assert.Equal(Seed.Documents.Documents.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Ids_published_before_the_Node_interface_are_unchanged_and_resolve()
    {
        var published = Seed.Documents.Elections.Select(e => e.Id)
            .Concat(Seed.Documents.CouncilResults.Select(r => r.Id))
            .Concat(Seed.Documents.Mayoralties.Select(m => m.Id)).ToList();
        var data = await seeded.Api.QueryAsync("""
            query($election: ID!) {
              elections(first: 500) { nodes { id } }
              councilResults(electionId: $election, first: 500) { nodes { id } }
              mayoralties(electionId: $election, first: 500) { nodes { id } }
            }
            """, new { election = Seed.Election });

        Assert.Equal(published.Order(StringComparer.Ordinal),
            data.EnumerateObject().SelectMany(list => list.Value.GetProperty("nodes").EnumerateArray()).Select(n => n.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        foreach (var page in published.Chunk(NodeFields.MaxIds))
        {
            var found = (await seeded.Api.QueryAsync(NodesQuery, new { ids = page })).GetProperty("nodes").EnumerateArray();
            Assert.Equal(page, found.Select(n => n.GetProperty("id").GetString()));
        }
    }

    [Fact]
    public async Task Councils_and_parties_keep_their_codes_and_gain_ids_that_name_their_type()
    {
        var data = await seeded.Api.QueryAsync("""
            { council(code: "E07000170") { id code name } party(code: "LD") { id code name }
              nodes(ids: ["council:E07000170", "party:LD"]) { id ... on Council { code name } ... on Party { code name } } }
            """);

        var council = Seed.Documents.Councils.Single(c => c.Id == "E07000170");
        var party = Seed.Documents.Parties.Single(p => p.Id == "LD");
        Assert.Equal(("council:E07000170", "E07000170", council.Name), Fields(data.GetProperty("council")));
        Assert.Equal(("party:LD", "LD", party.Name), Fields(data.GetProperty("party")));
        Assert.Equal([Fields(data.GetProperty("council")), Fields(data.GetProperty("party"))], data.GetProperty("nodes").EnumerateArray().Select(Fields));
    }

    [Fact]
    public async Task Unknown_and_malformed_ids_are_null_beside_the_ids_that_resolve()
    {
        string[] ids =
        [
            "council:E07000170", "council:NOPE", "council:", "party:", ":", ":LD", "", " ", "LD", "E07000170", "ballot:local.x.2019-05-02",
            "local.2019-05-02:E99999999", "local.2019-05-02:", "mayor.nowhere.2019-05-02", "Q291bmNpbDpFMDcwMDAxNzA=", new string('x', 2_000),
            "local.2019-05-02",
        ];

        var response = await seeded.Api.PostAsync(new { query = NodesQuery, variables = new { ids } });
        var single = await seeded.Api.PostAsync(new { query = "{ a: node(id: \"\") { id } b: node(id: \"party:NOPE\") { id } c: node(id: 5) { id } }" });

        Assert.False(response.TryGetProperty("errors", out var errors), errors.ToString());
        Assert.Equal(["council:E07000170", .. Enumerable.Repeat<string?>(null, ids.Length - 2), "local.2019-05-02"],
            response.GetProperty("data").GetProperty("nodes").EnumerateArray().Select(n => n.ValueKind == JsonValueKind.Null ? null : n.GetProperty("id").GetString()));
        Assert.False(single.TryGetProperty("errors", out errors), errors.ToString());
        Assert.Equal("""{"a":null,"b":null,"c":null}""", single.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task Nodes_takes_at_most_the_maximum_number_of_ids_and_says_so_past_it()
    {
        var ids = Seed.Documents.Councils.Select(c => $"council:{c.Id}").Take(NodeFields.MaxIds + 1).ToArray();

        var most = await seeded.Api.QueryAsync(NodesQuery, new { ids = ids[..NodeFields.MaxIds] });
        var tooMany = await seeded.Api.PostAsync(new { query = NodesQuery, variables = new { ids } });

        Assert.Equal(NodeFields.MaxIds, most.GetProperty("nodes").EnumerateArray().Count(n => n.ValueKind == JsonValueKind.Object));
        var error = Assert.Single(tooMany.GetProperty("errors").EnumerateArray());
        var extensions = error.GetProperty("extensions");
        Assert.Equal(("TOO_MANY_IDS", NodeFields.MaxIds, NodeFields.MaxIds + 1),
            (extensions.GetProperty("code").GetString(), extensions.GetProperty("maximum").GetInt32(), extensions.GetProperty("ids").GetInt32()));
    }

    private static (string?, string?, string?) Fields(JsonElement node) =>
        (node.GetProperty("id").GetString(), node.GetProperty("code").GetString(), node.GetProperty("name").GetString());

    /// <summary>The seed's documents of a Node type, by the id README gives them: the stored id, after its prefix if the type has one.</summary>
    private static string[] SeededIds(string typeName)
    {
        var type = Node.Value.PossibleTypes.Single(t => t.Name == typeName);
        var prefix = type.GetMetadata<NodeKind>(NodeKind.Key)!.Prefix;
        return Seed.Documents.Documents.Where(d => d.GetType() == DocumentType(type))
            .Select(d => prefix is null ? d.Id : $"{prefix}:{d.Id}").ToArray();
    }

    private static Type DocumentType(IObjectGraphType type) => type.GetMetadata<NodeKind>(NodeKind.Key)!.GetType().GetGenericArguments().Single();

    private static readonly Lazy<IInterfaceGraphType> Node = new(() =>
    {
        var schema = new ServiceCollection().AddElectionGraphSchema().BuildServiceProvider().GetRequiredService<ISchema>();
        schema.Initialize();
        return (IInterfaceGraphType)schema.AllTypes["Node"]!;
    });
}
