using System.Text.Json;
using System.Text.Json.Serialization;
using GraphQL;

namespace ElectionGraph.Api.Limits;

/// <summary>
/// The cost of one operation: estimated before it runs, and counted on its answer, where it is written as
/// <c>extensions.cost { requested, actual, budget { remaining, limit, restoreRate } }</c>.
/// </summary>
/// <param name="Requested">Points the analysis gave it before it ran (README, "Keys and limits").</param>
[JsonConverter(typeof(Converter))]
public sealed class OperationCost(long requested)
{
    public long Requested { get; } = requested;

    /// <summary>The same measure over what the answer holds (lists count their real items); the estimate when it did not finish.</summary>
    public long Actual { get; set; }

    /// <summary>The caller's budget after this operation, when a budget applies; reported in <c>extensions.cost.budget</c>.</summary>
    public CostBudget? Budget { get; set; }

    /// <summary>Written by hand: every answer carries one, and it is the same few numbers each time.</summary>
    private sealed class Converter : JsonConverter<OperationCost>
    {
        public override OperationCost Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Costs are reported, never read.");

        public override void Write(Utf8JsonWriter writer, OperationCost value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteNumber("requested"u8, value.Requested);
            writer.WriteNumber("actual"u8, value.Actual);
            if (value.Budget is { } budget)
            {
                writer.WriteStartObject("budget"u8);
                writer.WriteNumber("remaining"u8, budget.Remaining);
                writer.WriteNumber("limit"u8, budget.Limit);
                writer.WriteNumber("restoreRate"u8, budget.RestoreRate);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }
    }
}

/// <summary>A caller's budget of points, Shopify's and GitHub's shape: what is left, the most it holds, and points restored each second.</summary>
public sealed record CostBudget(long Remaining, long Limit, double RestoreRate);

/// <summary>
/// The seam for rate limiting by cost: charges each operation that passed the limits to its caller's budget.
/// Called for every transport (HTTP, WebSocket, SSE) by <see cref="OperationLimits"/>. Without a rate
/// limiter nothing is charged and no budget is reported.
/// </summary>
public interface ICostBudget
{
    /// <summary>Before the operation runs, with its requested cost: null to let it run, or the error that refuses it (say, <c>RATE_LIMITED</c>).</summary>
    ValueTask<ExecutionError?> ChargeAsync(OperationCost cost, ExecutionOptions options);

    /// <summary>After it ran, with its actual cost: settle the difference and set <see cref="OperationCost.Budget"/>.</summary>
    void Settle(OperationCost cost, ExecutionOptions options);

    /// <summary>An operation the limits refused: it asked for its cost, so its caller may be made to pay it (up to what is left).</summary>
    void Forfeit(OperationCost cost, ExecutionOptions options);
}

/// <summary>No budget: every operation within the limits runs.</summary>
public sealed class Unlimited : ICostBudget
{
    public ValueTask<ExecutionError?> ChargeAsync(OperationCost cost, ExecutionOptions options) => ValueTask.FromResult<ExecutionError?>(null);

    public void Settle(OperationCost cost, ExecutionOptions options)
    {
    }

    public void Forfeit(OperationCost cost, ExecutionOptions options)
    {
    }
}
