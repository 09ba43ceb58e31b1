using ElectionGraph.Api.Conventions.Nodes;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Parties;
using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Elections;
using GraphQL.Types;

namespace ElectionGraph.Api.Elections;

public sealed class ElectionGraphType : ObjectGraphType<Election>
{
    public ElectionGraphType()
    {
        Name = "Election";
        Description = "One polling day's elections.";
        this.IsNode("Democracy Club style: local.2019-05-02.");
        Field(e => e.Name);
        Field(e => e.Date, type: typeof(NonNullGraphType<CalendarDateGraphType>));
        Field(e => e.Nations);
        Field(e => e.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProjectedShareGraphType>>>, IReadOnlyList<ProjectedShare>>("projectedShare")
            .Description("Projected national share of the vote, where one was published.")
            .ExpectedItems(10)
            .Resolve(context => context.Source.ProjectedShare);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportedTotalGraphType>>>, IReadOnlyList<ReportedTotal>>("reportedTotals")
            .Description("National totals as officially reported, beside which the totals computed from the results can be read.")
            .ExpectedItems(20) // 14 in 2019
            .Resolve(context => context.Source.ReportedTotals);
        Field(e => e.Test).Description("A rehearsal election: its results are practice data.");
        this.AddStamps();
    }
}

public sealed class ProjectedShareGraphType : ObjectGraphType<ProjectedShare>
{
    public ProjectedShareGraphType()
    {
        Name = "ProjectedShare";
        Field(s => s.PartyCode);
        this.AddParty(s => s.PartyCode);
        Field(s => s.Share, type: typeof(NonNullGraphType<FloatGraphType>)).Description("Percent of the vote.");
        Field(s => s.Change, type: typeof(FloatGraphType)).Description("Change in percentage points.");
        Field(s => s.Source, nullable: true);
    }
}

public sealed class ReportedTotalGraphType : ObjectGraphType<ReportedTotal>
{
    public ReportedTotalGraphType()
    {
        Name = "ReportedTotal";
        Description = "A national figure as reported. Where a source reported several parties as one figure, partyCode joins their codes with '+' (IND+RA+OTH) and party is null.";
        Field(t => t.Nation);
        Field<NonNullGraphType<StringGraphType>, string>("partyCode").Resolve(context => string.Join('+', context.Source.PartyCodes));
        Field(t => t.PartyCodes).Description("The parties the figure covers.");
        this.AddParty(t => t.PartyCodes is [var single] ? single : null);
        Field(t => t.SeatsWon, nullable: true);
        Field(t => t.SeatsChange, nullable: true);
        Field(t => t.CouncilsControlled, nullable: true);
        Field(t => t.CouncilsChange, nullable: true);
        Field(t => t.Source, nullable: true);
    }
}
