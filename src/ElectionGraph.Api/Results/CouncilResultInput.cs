using ElectionGraph.Domain.Results;
using GraphQL.Types;

namespace ElectionGraph.Api.Results;

/// <summary>A council result as the results desk sends it.</summary>
public sealed class CouncilResultInput
{
    public string DeclarationId { get; init; } = "";
    public string ElectionId { get; init; } = "";
    public string CouncilCode { get; init; } = "";
    public Cycle Cycle { get; init; }
    public int SeatsUp { get; init; }
    public int TotalSeats { get; init; }
    public string? ControlBefore { get; init; }
    public List<SeatInput> Seats { get; init; } = [];
    public double? Turnout { get; init; }
    public DateTime? DeclaredAt { get; init; }
    public string? Notes { get; init; }

    /// <summary>For a correction: the stored version it corrects.</summary>
    public int? ExpectedVersion { get; init; }

    public CouncilDeclaration ToDeclaration(DateTime now) => new(
        DeclarationId, ElectionId, CouncilCode, Cycle, SeatsUp, TotalSeats, ControlBefore,
        Seats.Select(s => new SeatRow(s.PartyCode, s.Won, s.Change, s.ChangeBasis, s.TotalAfter)).ToList(),
        (decimal?)Turnout, DeclaredAt?.ToUniversalTime() ?? now, Notes);
}

public sealed class SeatInput
{
    public string PartyCode { get; init; } = "";
    public int Won { get; init; }
    public int? Change { get; init; }
    public ChangeBasis? ChangeBasis { get; init; }
    public int? TotalAfter { get; init; }
}

public sealed class SeatInputGraphType : InputObjectGraphType<SeatInput>
{
    public SeatInputGraphType()
    {
        Name = "SeatInput";
        Field(s => s.PartyCode);
        Field(s => s.Won).Description("Seats won at this election.");
        Field(s => s.Change, nullable: true).Description("Net change, with its changeBasis.");
        Field(s => s.ChangeBasis, nullable: true);
        Field(s => s.TotalAfter, nullable: true).Description("The party's seats on the whole council afterwards; may be left out when the whole council was elected.");
    }
}

/// <summary>The fields a declaration and a correction share.</summary>
public abstract class CouncilResultInputGraphType : InputObjectGraphType<CouncilResultInput>
{
    protected CouncilResultInputGraphType(string name, string description)
    {
        Name = name;
        Description = description;
        Field(i => i.DeclarationId, type: typeof(NonNullGraphType<IdGraphType>))
            .Description("The desk's own id for this declaration: sending the same one again returns the stored result and changes nothing.");
        Field(i => i.ElectionId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(i => i.CouncilCode, type: typeof(NonNullGraphType<IdGraphType>)).Description("ONS GSS code.");
        Field(i => i.Cycle);
        Field(i => i.SeatsUp);
        Field(i => i.TotalSeats).Description("Seats on the whole council afterwards.");
        Field(i => i.ControlBefore, nullable: true).Description("A party code or NOC; leave out for a new council. Control after is worked out from the seats.");
        Field(i => i.Seats, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<SeatInputGraphType>>>)).Description("Every party's seats; seats won must add up to seatsUp.");
        Field(i => i.Turnout, nullable: true).Description("Percent of the electorate.");
        Field(i => i.DeclaredAt, nullable: true).Description("When the returning officer declared; now if left out.");
        Field(i => i.Notes, nullable: true);
    }
}

public sealed class DeclareCouncilResultInputGraphType() : CouncilResultInputGraphType("DeclareCouncilResultInput", "A council's result, declared for the first time.");

public sealed class CorrectCouncilResultInputGraphType : CouncilResultInputGraphType
{
    public CorrectCouncilResultInputGraphType() : base("CorrectCouncilResultInput", "A declared result, corrected: the whole result as it should be.") =>
        Field(i => i.ExpectedVersion, type: typeof(NonNullGraphType<IntGraphType>))
            .Description("The version being corrected; if the stored result has moved on, the correction is refused with CONFLICT and the current version.");
}
