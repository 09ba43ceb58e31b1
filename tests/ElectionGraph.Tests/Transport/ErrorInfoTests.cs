using ElectionGraph.Api.Transport;
using GraphQL;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace ElectionGraph.Tests.Transport;

public class ErrorInfoTests
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "ElectionGraph.Api";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static ExecutionError Failure()
    {
        try
        {
            throw new InvalidOperationException("secret internals");
        }
        catch (InvalidOperationException e)
        {
            return new ExecutionError("Error trying to resolve field 'x'.", e) { Code = null };
        }
    }

    [Fact]
    public void Every_error_gets_a_code_and_no_exception_details_outside_Development()
    {
        var info = new CodedErrorInfoProvider(new Environment(Environments.Production)).GetInfo(Failure());

        Assert.Equal("INTERNAL_SERVER_ERROR", info.Extensions!["code"]);
        Assert.DoesNotContain("secret internals", string.Join(" ", info.Extensions.Values));
        Assert.False(info.Extensions.ContainsKey("details"));
    }

    [Fact]
    public void Development_shows_the_exception_to_whoever_debugs()
    {
        var info = new CodedErrorInfoProvider(new Environment(Environments.Development)).GetInfo(Failure());

        Assert.Contains("secret internals", info.Extensions!["details"]?.ToString());
    }
}
