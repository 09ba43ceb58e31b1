using GraphQL;
using GraphQL.Execution;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// Every error a partner sees has a message and an <c>extensions.code</c>; exception details (stack
/// traces) only in Development.
/// </summary>
public sealed class CodedErrorInfoProvider(IHostEnvironment? environment = null)
    : ErrorInfoProvider(options => options.ExposeExceptionDetails = environment?.IsDevelopment() == true)
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        var extensions = info.Extensions ?? new Dictionary<string, object?>();
        extensions.TryAdd("code", "INTERNAL_SERVER_ERROR");

        return info with { Extensions = extensions };
    }
}
