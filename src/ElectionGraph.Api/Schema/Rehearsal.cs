using GraphQL;
using GraphQL.DI;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Schema;

public sealed class RehearsalOptions
{
    /// <summary><c>ElectionGraph:Rehearsal</c>: the whole server serves practice data.</summary>
    public bool Rehearsal { get; set; }
}

/// <summary>
/// In rehearsal mode every answer says so, in <c>extensions.rehearsal</c>, so no partner mistakes practice
/// data for results. (A single rehearsal election is flagged by its own <c>test</c> field instead.)
/// </summary>
public sealed class Rehearsal(IOptions<RehearsalOptions> options) : IConfigureExecution
{
    public const string Extension = "rehearsal";

    public bool On => options.Value.Rehearsal;

    public float SortOrder => 100;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions executionOptions, ExecutionDelegate next) =>
        On ? FlaggedAsync(next(executionOptions)) : next(executionOptions);

    private async Task<ExecutionResult> FlaggedAsync(Task<ExecutionResult> result) => Flag(await result);

    public ExecutionResult Flag(ExecutionResult result)
    {
        if (!On) return result;
        result.Extensions ??= [];
        result.Extensions[Extension] = true;
        return result;
    }
}
