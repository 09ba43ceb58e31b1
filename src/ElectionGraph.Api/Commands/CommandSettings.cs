using ElectionGraph.Storage;

namespace ElectionGraph.Api.Commands;

/// <summary>The settings a command runs with: the API's own (appsettings, environment variables, command line).</summary>
public static class CommandSettings
{
    public static IConfiguration Read(IEnumerable<string> args) =>
        Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [.. args], ContentRootPath = AppContext.BaseDirectory }).Configuration;

    /// <summary>The store the API would use.</summary>
    public static StoreOptions Store(this IConfiguration configuration) =>
        configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions();
}
