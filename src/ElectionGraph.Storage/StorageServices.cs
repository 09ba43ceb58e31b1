using ElectionGraph.Storage.Embedded;
using ElectionGraph.Storage.Mongo;
using ElectionGraph.Storage.Seeding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Storage;

public static class StorageServices
{
    /// <summary>The configured store as the app's <see cref="IDocumentStore"/>, prepared and seeded before the app serves.</summary>
    public static IServiceCollection AddDocumentStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StoreOptions>(configuration.GetSection(StoreOptions.Section));
        services.AddSingleton(sp => Open(sp.GetRequiredService<IOptions<StoreOptions>>().Value));
        services.AddHostedService<StoreStartup>();
        return services;
    }

    public static IDocumentStore Open(StoreOptions options) => options.Store switch
    {
        StoreKind.Embedded => EmbeddedStore.Open(Path.GetFullPath(options.DataDirectory)),
        StoreKind.Mongo => MongoStore.Connect(options.Mongo),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Store, "Unknown store."),
    };
}
