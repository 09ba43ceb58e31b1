#!/usr/bin/env python3
"""Writes seed/*.csv from the compiled 2019 dataset (data/local-2019 of the project's research notes).

Run once by hand: python3 seed/tools/from-compiled-2019.py <compiled-dir> seed/
The project never runs it: seed/ is the project's own data from then on. It only reshapes the compiled
files into the seed format (seed/README.md); every figure is copied, blanks stay blank, nothing is added.
"""
import csv
import json
import os
import sys

ELECTION = "local.2019-05-02"
NATIONS = {"england": "england", "northern_ireland": "northern_ireland"}
BASIS = {
    "prev_election_2015": "previous_election",
    "prev_election_2016": "previous_election",
    "prev_election_2018_all_out": "previous_election",
    "composition_before": "composition_before",
    "notional_prev": "notional",
    "": "",
}
MAYOR_IDS = {
    "Bedford": "mayor.bedford.2019-05-02",
    "Copeland": "mayor.copeland.2019-05-02",
    "Leicester": "mayor.leicester.2019-05-02",
    "Mansfield": "mayor.mansfield.2019-05-02",
    "Middlesbrough": "mayor.middlesbrough.2019-05-02",
    "North of Tyne": "mayor.north-of-tyne.2019-05-02",
}
NI_SOURCES = ("ARK Northern Ireland Elections per-council pages (ark.ac.uk/elections); Wikipedia "
              "'2019 <council> election' articles and mirrors; council turnout statements")


def rows(src, name):
    with open(os.path.join(src, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write(dst, name, header, data):
    with open(os.path.join(dst, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(data)


def main(src, dst):
    write(dst, "elections.csv", ["id", "name", "date", "nations", "status"],
          [[ELECTION, "Local elections 2 May 2019", "2019-05-02", "england;northern_ireland", "complete"]])

    write(dst, "parties.csv", ["code", "name", "short_name", "colour", "rollup"],
          [[p["code"], p["name"], p["short_name"], p["colour"], p["rollup"]] for p in rows(src, "parties.csv")])

    councils = rows(src, "councils.csv")
    ni = rows(src, "ni_councils.csv")
    # Each council's hexagon, from the hex map copied into seed/geo (Open Innovations, MIT: seed/geo/LICENSE).
    with open(os.path.join(dst, "geo", "uk-local-authority-districts-2019.hexjson"), encoding="utf-8") as f:
        layout = json.load(f)

    def hexagon(code):
        h = layout["hexes"].get(code)
        return [layout["layout"], h["q"], h["r"]] if h else ["", "", ""]

    write(dst, "councils.csv", ["code", "name", "type", "region", "nation", "hex_layout", "hex_q", "hex_r"],
          [[c["gss_code"], c["name"], c["council_type"], c["region"], "england", *hexagon(c["gss_code"])] for c in councils]
          + [[c["gss_code"], c["name"], "northern_ireland_district", "Northern Ireland", "northern_ireland",
              *hexagon(c["gss_code"])] for c in ni])

    # Where the composition after the election came from, for the councils that needed it (NOTES.md section 9).
    composition_sources = {c["council"]: c["source"] for c in rows(src, "composition_after_2019.csv")}

    def sources(c):
        extra = composition_sources.get(c["gss_code"])
        return f'{c["sources"]} | Composition after the election: {extra}' if extra else c["sources"]

    write(dst, "council-results.csv",
          ["election_id", "council", "cycle", "seats_up", "total_seats", "control_before", "control_after",
           "turnout", "status", "declared_at", "sources", "notes"],
          [[ELECTION, c["gss_code"], c["cycle"], c["seats_up"], c["total_seats"], c["control_before"],
            c["control_after"], "", "declared", "", sources(c), c["notes"]] for c in councils]
          + [[ELECTION, c["gss_code"], "all_out", c["total_seats"], c["total_seats"], "", c["control_after"],
              c["turnout"], "declared", "", NI_SOURCES,
              "Single transferable vote; change is against the 22 May 2014 election."] for c in ni])

    seats = []
    for s in rows(src, "council_party_seats.csv"):
        change = s["change"]
        seats.append([ELECTION, s["gss_code"], s["party"], s["seats_won_2019"], change,
                      BASIS[s["change_basis"]] if change else "", s["seats_total_after"]])
    for s in rows(src, "ni_council_party_seats.csv"):
        # NI councils are elected all out: seats after are the seats won.
        seats.append([ELECTION, s["gss_code"], s["party"], s["seats_won"], s["change"],
                      "previous_election" if s["change"] else "", s["seats_won"]])
    # The whole council's composition after the election for the councils elected by thirds that lacked it
    # (NOTES.md section 9): every party holding a seat is listed, so a party not listed holds none; a party holding
    # seats without a row of its own (it won none that day) gets one, its change not known.
    after = {}
    for c in rows(src, "composition_after_2019.csv"):
        after.setdefault(c["council"], {})[c["party"]] = c["seats_after"]
    for row in seats:
        if row[1] in after:
            row[6] = after[row[1]].pop(row[2], "0")
    for council, parties in after.items():
        seats.extend([ELECTION, council, party, "0", "", "", held] for party, held in parties.items())
    write(dst, "council-seats.csv",
          ["election_id", "council", "party", "won", "change", "change_basis", "total_after"], seats)

    nat = [n for n in rows(src, "national.csv") if n["party"] not in ("ALL", "NOC")]
    write(dst, "national.csv",
          ["election_id", "nation", "party", "seats_won", "seats_change", "councils_controlled",
           "councils_change", "projected_share", "projected_share_change", "source"],
          [[ELECTION, NATIONS[n["scope"]], n["party"], n["councillors_won"], n["councillors_net_change"],
            n["councils_controlled_after"], n["councils_net_change"], n["projected_national_share_pct"],
            n["pns_change_pp"], n["source"]] for n in nat])

    mayors = rows(src, "mayors.csv")
    write(dst, "mayoralties.csv",
          ["id", "election_id", "area_code", "area_name", "area_type", "voting_system", "electorate", "turnout",
           "previous_party", "new_post", "status", "declared_at", "sources", "notes"],
          [[MAYOR_IDS[m["area"]], ELECTION, m["gss_code"], m["area"], m["area_type"],
            m["voting_system"].replace(" ", "_"), m["electorate"], m["turnout_pct"],
            m["previous_holder_party"], m["new_post"], "declared", "", m["source"], m["notes"]] for m in mayors])

    write(dst, "mayoral-candidates.csv",
          ["mayoralty", "name", "party", "first_round", "first_round_share", "second_round", "elected"],
          [[MAYOR_IDS[c["area"]], c["candidate"], c["party"], c["first_round_votes"], c["first_round_share_pct"],
            c["second_round_votes"], c["elected"]] for c in rows(src, "mayor_candidates.csv")])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
