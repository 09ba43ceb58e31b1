using ElectionGraph.Storage;
using GraphQL;
using GraphQL.DI;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// What an exception no resolver expected becomes, on every transport: a coded error for the partner, without
/// details, and the exception in the log with the request id (the logging scope). The store failing
/// (<see cref="StoreUnavailableException"/>, from either adapter) is <see cref="StoreUnavailable.Code"/>, logged
/// once per operation however many fields it broke.
/// </summary>
public sealed class UnhandledErrors(ILogger<UnhandledErrors> logger) : IConfigureExecution
{
    public float SortOrder => 0;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var operation = options.OperationName ?? "an anonymous operation";
        var storeFaultLogged = 0;
        options.UnhandledExceptionDelegate = context =>
        {
            switch (context.OriginalException)
            {
                case StoreUnavailableException fault:
                    if (Interlocked.Exchange(ref storeFaultLogged, 1) == 0)
                        logger.LogError(fault, "The store is unavailable: {Operation} is answered {Code}", operation, StoreUnavailable.Code);
                    context.Exception = StoreUnavailable.Error("The store is unavailable right now: nothing was stored. Try again shortly.");
                    break;
                case ExecutionError:
                    // Coded for the partner already: a subscription's stream ended with a reason (see ResultFeed).
                    break;
                default:
                    logger.LogError(context.OriginalException, "Unhandled error in {Operation}", operation);
                    break;
            }

            return Task.CompletedTask;
        };
        return next(options);
    }
}
