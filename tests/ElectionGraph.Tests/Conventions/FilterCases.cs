using ElectionGraph.Domain;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Results;

namespace ElectionGraph.Tests.Conventions;

/// <summary>
/// One filter per operator family on councilResults: the <c>where</c> a partner writes, what it must
/// select (a plain C# predicate over the seed), and the <c>$match</c> MongoDB must run for it.
/// </summary>
public sealed record FilterCase(string Where, Func<CouncilResult, bool> Selects, string Match)
{
    public override string ToString() => Where;

    public static readonly FilterCase[] All =
    [
        // Strings
        new("""{ council: { name: { eq: "Bolton" } } }""", r => r.Council.Name == "Bolton",
            """{ "council.name" : "Bolton" }"""),
        new("""{ council: { name: { neq: "Bolton" } } }""", r => r.Council.Name != "Bolton",
            """{ "council.name" : { "$ne" : "Bolton" } }"""),
        new("""{ council: { name: { contains: "shire" } } }""", r => r.Council.Name.Contains("shire"),
            """{ "council.name" : { "$regularExpression" : { "pattern" : "shire", "options" : "s" } } }"""),
        new("""{ council: { name: { ncontains: "shire" } } }""", r => !r.Council.Name.Contains("shire"),
            """{ "council.name" : { "$not" : { "$regularExpression" : { "pattern" : "shire", "options" : "s" } } } }"""),
        new("""{ council: { name: { startsWith: "North" } } }""", r => r.Council.Name.StartsWith("North"),
            """{ "council.name" : { "$regularExpression" : { "pattern" : "^North", "options" : "s" } } }"""),
        new("""{ council: { name: { nstartsWith: "North" } } }""", r => !r.Council.Name.StartsWith("North"),
            """{ "council.name" : { "$not" : { "$regularExpression" : { "pattern" : "^North", "options" : "s" } } } }"""),
        new("""{ council: { name: { endsWith: "ton" } } }""", r => r.Council.Name.EndsWith("ton"),
            """{ "council.name" : { "$regularExpression" : { "pattern" : "ton$", "options" : "s" } } }"""),
        new("""{ council: { name: { nendsWith: "ton" } } }""", r => !r.Council.Name.EndsWith("ton"),
            """{ "council.name" : { "$not" : { "$regularExpression" : { "pattern" : "ton$", "options" : "s" } } } }"""),
        new("""{ council: { name: { in: ["Bolton", "Bury", "Nowhere"] } } }""", r => r.Council.Name is "Bolton" or "Bury",
            """{ "council.name" : { "$in" : ["Bolton", "Bury", "Nowhere"] } }"""),
        new("""{ council: { name: { nin: ["Bolton", "Bury"] } } }""", r => r.Council.Name is not ("Bolton" or "Bury"),
            """{ "council.name" : { "$nin" : ["Bolton", "Bury"] } }"""),
        new("""{ council: { name: { contains: "KING", ignoreCase: true } } }""", r => r.Council.Name.Contains("king", StringComparison.OrdinalIgnoreCase),
            """{ "council.name" : { "$regularExpression" : { "pattern" : "king", "options" : "is" } } }"""),
        new("""{ council: { name: { eq: "bolton", ignoreCase: true } } }""", r => r.Council.Name == "Bolton",
            """{ "council.name" : { "$regularExpression" : { "pattern" : "^bolton$", "options" : "is" } } }"""),
        new("""{ council: { name: { in: ["BOLTON", "bury"], ignoreCase: true } } }""", r => r.Council.Name is "Bolton" or "Bury",
            """{ "$or" : [{ "council.name" : { "$regularExpression" : { "pattern" : "^bolton$", "options" : "is" } } }, { "council.name" : { "$regularExpression" : { "pattern" : "^bury$", "options" : "is" } } }] }"""),
        new("""{ control: { before: { eq: null } } }""", r => r.Control.Before is null,
            """{ "control.before" : null }"""),
        new("""{ notes: { contains: "LEAP" } }""", r => r.Notes?.Contains("LEAP") == true,
            """{ "$and" : [{ "notes" : { "$ne" : null } }, { "notes" : { "$regularExpression" : { "pattern" : "LEAP", "options" : "s" } } }] }"""),
        // Numbers
        new("""{ seatsUp: { eq: 21 } }""", r => r.SeatsUp == 21, """{ "seatsUp" : 21 }"""),
        new("""{ seatsUp: { neq: 21 } }""", r => r.SeatsUp != 21, """{ "seatsUp" : { "$ne" : 21 } }"""),
        new("""{ seatsUp: { in: [21, 30] } }""", r => r.SeatsUp is 21 or 30, """{ "seatsUp" : { "$in" : [21, 30] } }"""),
        new("""{ seatsUp: { nin: [21, 30] } }""", r => r.SeatsUp is not (21 or 30), """{ "seatsUp" : { "$nin" : [21, 30] } }"""),
        new("""{ seatsUp: { gt: 50 } }""", r => r.SeatsUp > 50, """{ "seatsUp" : { "$gt" : 50 } }"""),
        new("""{ seatsUp: { ngt: 50 } }""", r => !(r.SeatsUp > 50), """{ "seatsUp" : { "$not" : { "$gt" : 50 } } }"""),
        new("""{ seatsUp: { gte: 50 } }""", r => r.SeatsUp >= 50, """{ "seatsUp" : { "$gte" : 50 } }"""),
        new("""{ seatsUp: { ngte: 50 } }""", r => !(r.SeatsUp >= 50), """{ "seatsUp" : { "$not" : { "$gte" : 50 } } }"""),
        new("""{ seatsUp: { lt: 15 } }""", r => r.SeatsUp < 15, """{ "seatsUp" : { "$lt" : 15 } }"""),
        new("""{ seatsUp: { nlt: 15 } }""", r => !(r.SeatsUp < 15), """{ "seatsUp" : { "$not" : { "$lt" : 15 } } }"""),
        new("""{ seatsUp: { lte: 15 } }""", r => r.SeatsUp <= 15, """{ "seatsUp" : { "$lte" : 15 } }"""),
        new("""{ seatsUp: { nlte: 15 } }""", r => !(r.SeatsUp <= 15), """{ "seatsUp" : { "$not" : { "$lte" : 15 } } }"""),
        new("""{ turnout: { gt: 50.5 } }""", r => r.Turnout > 50.5m, """{ "turnout" : { "$gt" : { "$numberDecimal" : "50.5" } } }"""),
        new("""{ turnout: { eq: null } }""", r => r.Turnout is null, """{ "turnout" : null }"""),
        // Booleans and enums
        new("""{ control: { changed: { eq: true } } }""", r => r.Control.Changed == true, """{ "control.changed" : true }"""),
        new("""{ control: { changed: { neq: true } } }""", r => r.Control.Changed != true, """{ "control.changed" : { "$ne" : true } }"""),
        new("""{ changesComplete: { in: [false] } }""", r => !r.ChangesComplete, """{ "changesComplete" : { "$in" : [false] } }"""),
        new("""{ control: { changed: { nin: [true, false] } } }""", r => r.Control.Changed is null, """{ "control.changed" : { "$nin" : [true, false] } }"""),
        new("""{ council: { type: { eq: DISTRICT } } }""", r => r.Council.Type == CouncilType.District, """{ "council.type" : "District" }"""),
        new("""{ council: { type: { neq: DISTRICT } } }""", r => r.Council.Type != CouncilType.District, """{ "council.type" : { "$ne" : "District" } }"""),
        new("""{ council: { type: { in: [UNITARY, METROPOLITAN_BOROUGH] } } }""", r => r.Council.Type is CouncilType.Unitary or CouncilType.MetropolitanBorough,
            """{ "council.type" : { "$in" : ["Unitary", "MetropolitanBorough"] } }"""),
        new("""{ council: { nation: { nin: [ENGLAND] } } }""", r => r.Council.Nation != Nation.England, """{ "council.nation" : { "$nin" : ["England"] } }"""),
        new("""{ cycle: { eq: THIRDS } }""", r => r.Cycle == Cycle.Thirds, """{ "cycle" : "Thirds" }"""),
        // Lists of embedded objects
        new("""{ seats: { some: { partyCode: { eq: "GRN" }, won: { gte: 3 } } } }""", r => r.Seats.Any(s => s.PartyCode == "GRN" && s.Won >= 3),
            """{ "seats" : { "$elemMatch" : { "partyCode" : "GRN", "won" : { "$gte" : 3 } } } }"""),
        new("""{ seats: { all: { change: { neq: null } } } }""", r => r.Seats.All(s => s.Change != null),
            """{ "seats" : { "$not" : { "$elemMatch" : { "change" : null } } } }"""),
        new("""{ seats: { none: { partyCode: { eq: "UKIP" } } } }""", r => !r.Seats.Any(s => s.PartyCode == "UKIP"),
            """{ "seats" : { "$not" : { "$elemMatch" : { "partyCode" : "UKIP" } } } }"""),
        // and / or, nested
        new("""{ and: [{ council: { region: { eq: "South West" } } }, { control: { changed: { eq: true } } }] }""",
            r => r.Council.Region == "South West" && r.Control.Changed == true,
            """{ "council.region" : "South West", "control.changed" : true }"""),
        new("""{ or: [{ control: { after: { eq: "LD" } } }, { control: { before: { eq: "LD" } } }] }""",
            r => r.Control.After == "LD" || r.Control.Before == "LD",
            """{ "$or" : [{ "control.after" : "LD" }, { "control.before" : "LD" }] }"""),
        new("""{ council: { region: { eq: "North West" } }, or: [{ control: { after: { eq: "NOC" } } }, { and: [{ seatsUp: { gt: 20 } }, { cycle: { eq: ALL_OUT } }] }] }""",
            r => r.Council.Region == "North West" && (r.Control.After == "NOC" || (r.SeatsUp > 20 && r.Cycle == Cycle.AllOut)),
            """{ "$and" : [{ "$or" : [{ "control.after" : "NOC" }, { "seatsUp" : { "$gt" : 20 }, "cycle" : "AllOut" }] }, { "council.region" : "North West" }] }"""),
    ];
}
