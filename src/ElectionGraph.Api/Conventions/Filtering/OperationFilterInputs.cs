using ElectionGraph.Api.Schema;
using GraphQL.Types;

namespace ElectionGraph.Api.Conventions.Filtering;

/// <summary>The operations on one scalar member, HotChocolate.Data's names. Shared by every filter input.</summary>
public abstract class OperationFilterInput<TScalar> : InputObjectGraphType where TScalar : IGraphType
{
    protected OperationFilterInput(string name, bool ordered)
    {
        Name = name;
        Field<TScalar>("eq").Description("Equal to (null: the value is missing).");
        Field<TScalar>("neq").Description("Not equal to (null: the value is present).");
        Field<ListGraphType<TScalar>>("in").Description($"One of these (at most {FilterLimits.MaxListValues} values).");
        Field<ListGraphType<TScalar>>("nin").Description($"None of these (at most {FilterLimits.MaxListValues} values).");
        if (!ordered) return;
        Field<TScalar>("gt").Description("Greater than.");
        Field<TScalar>("ngt").Description("Not greater than (includes missing values).");
        Field<TScalar>("gte").Description("Greater than or equal to.");
        Field<TScalar>("ngte").Description("Not greater than or equal to (includes missing values).");
        Field<TScalar>("lt").Description("Less than.");
        Field<TScalar>("nlt").Description("Not less than (includes missing values).");
        Field<TScalar>("lte").Description("Less than or equal to.");
        Field<TScalar>("nlte").Description("Not less than or equal to (includes missing values).");
    }
}

public sealed class IntOperationFilterInput() : OperationFilterInput<IntGraphType>("IntOperationFilterInput", ordered: true);

public sealed class FloatOperationFilterInput() : OperationFilterInput<FloatGraphType>("FloatOperationFilterInput", ordered: true);

public sealed class DateTimeOperationFilterInput() : OperationFilterInput<DateTimeGraphType>("DateTimeOperationFilterInput", ordered: true);

public sealed class DateOperationFilterInput() : OperationFilterInput<CalendarDateGraphType>("DateOperationFilterInput", ordered: true);

public sealed class BooleanOperationFilterInput() : OperationFilterInput<BooleanGraphType>("BooleanOperationFilterInput", ordered: false);

public sealed class EnumOperationFilterInput<TEnum>() : OperationFilterInput<EnumerationGraphType<TEnum>>($"{typeof(TEnum).Name}OperationFilterInput", ordered: false)
    where TEnum : Enum;

public sealed class StringOperationFilterInput : OperationFilterInput<StringGraphType>
{
    public StringOperationFilterInput() : base("StringOperationFilterInput", ordered: false)
    {
        Description = "Operations on text. Matching is exact (ordinal) unless ignoreCase is true.";
        Field<StringGraphType>("contains").Description("Contains this text.");
        Field<StringGraphType>("ncontains").Description("Does not contain this text (includes missing values).");
        Field<StringGraphType>("startsWith").Description("Starts with this text.");
        Field<StringGraphType>("nstartsWith").Description("Does not start with this text (includes missing values).");
        Field<StringGraphType>("endsWith").Description("Ends with this text.");
        Field<StringGraphType>("nendsWith").Description("Does not end with this text (includes missing values).");
        Field<BooleanGraphType>("ignoreCase").DefaultValue(false)
            .Description("Case-insensitive matching for every operation in this input, e.g. name: { contains: \"king\", ignoreCase: true }.");
    }
}
