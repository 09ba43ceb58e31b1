using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ElectionGraph.Api.Security;
using ElectionGraph.Domain.Access;
using ElectionGraph.Storage;
using ElectionGraph.Storage.Bson;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ElectionGraph.Tests.Security;

/// <summary>A key is 256 random bits with a recognisable prefix; the server keeps its hash and nothing else of it, anywhere.</summary>
public sealed class KeySecretTests
{
    [Fact]
    public void A_key_is_256_random_bits_behind_a_recognisable_prefix_and_its_id_and_prefix_give_nothing_away()
    {
        var keys = Enumerable.Range(0, 100).Select(i => KeySecrets.New(test: i % 2 == 1)).ToList();
        var ids = Enumerable.Range(0, 100).Select(_ => KeySecrets.NewId()).ToList();

        Assert.All(keys, key =>
        {
            Assert.Matches(new Regex("^eg_(live|test)_[A-Za-z0-9_-]{43}$"), key.Secret);
            Assert.Equal(32, Base64Url.DecodeFromChars(key.Secret.AsSpan(8)).Length);
            Assert.Equal(key.Secret[..14], key.Prefix);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Secret))), key.Hash);
        });
        Assert.Equal(50, keys.Count(k => k.Secret.StartsWith("eg_test_")));
        Assert.Equal(100, keys.Select(k => k.Secret).Distinct().Count());
        Assert.All(ids, id => Assert.Matches(new Regex("^key_[0-9a-f]{16}$"), id));
        Assert.Equal(100, ids.Distinct().Count());
    }

    [Fact]
    public async Task Only_a_key_s_hash_is_stored_and_no_log_line_holds_a_key()
    {
        using var data = new TempDirectory();
        var logs = new CapturedLogs();
        string[] secrets;
        using (var api = new ApiFactory(data.Path, settings: ResultsDesk.PollingDay)
                   .WithWebHostBuilder(host => host.ConfigureLogging(logging => logging.AddProvider(logs).AddFilter<CapturedLogs>(level => true))))
        {
            var admin = await Keys.IssueAsync(api, Roles.Admin);
            var created = await Keys.PostAsync(api, admin.Secret, """
                mutation { createApiKey(input: { name: "The Courier", roles: [PARTNER] }) { secret apiKey { id } } }
                """);
            var issued = created.Body.GetProperty("data").GetProperty("createApiKey");
            var partner = issued.GetProperty("secret").GetString()!;
            secrets = [admin.Secret, partner];
            await Keys.PostAsync(api, partner, "{ councils { totalCount } }");
            await using (var socket = await GraphQLSocket.ReadyAsync(api, partner))
            {
                await socket.SubscribedAsync("s", """subscription { councilResultDeclared(electionId: "local.2019-05-02") { version } }""");
            }

            await Keys.PostAsync(api, admin.Secret, $$"""mutation { revokeApiKey(id: "{{issued.GetProperty("apiKey").GetProperty("id").GetString()}}") { id } }""");
            await Keys.PostAsync(api, partner, "{ councils { totalCount } }");
            var stored = api.Services.GetRequiredService<IDocumentStore>().Collection<ApiKey>().Query().ToList();

            Assert.Equal(secrets.Select(KeySecrets.Hash).Order(), stored.Select(k => k.Hash).Order());
            Assert.All(stored, key => Assert.All(secrets, secret => Assert.DoesNotContain(secret[14..], DocumentBson.ToBson(key).ToString())));
        }

        // The app lets go of the store in the background once stopped: opening it waits for that (and closing it
        // leaves the files as they are at rest).
        await using (EmbeddedStore.Open(data.Path))
        {
        }

        // The random part of a key, beyond its shown prefix, is nowhere in the store's files or the logs; its hash
        // is in the files, so they are read as stored.
        var files = Directory.GetFiles(data.Path, "*", SearchOption.AllDirectories).Select(File.ReadAllBytes).ToList();
        Assert.Contains(logs.Lines, line => line.Contains("Request starting"));
        Assert.All(secrets, secret =>
        {
            Assert.Contains(files, file => file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(KeySecrets.Hash(secret))) >= 0);
            Assert.All(files, file => Assert.Equal(-1, file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret[14..]))));
            Assert.DoesNotContain(logs.Lines, line => line.Contains(secret[14..]));
        });
    }
}
