#!/usr/bin/env python3
"""Writes seed/ballots.csv and seed/candidates.csv from LEAP's ward-level file of 2 May 2019.

Run once by hand: python3 seed/tools/from-leap-2019.py <wards-dir> seed/
<wards-dir> holds leap-2019-05-02.csv (Andrew Teale's Local Elections Archive Project, CC BY-SA 3.0) and
leap-party-labels.csv (its party labels mapped to the seed's party codes, per council). The project never runs
this: seed/ is the project's own data from then on. It reads the seed's councils.csv and parties.csv from the
destination, and only reshapes LEAP's rows:
  - skips the five "Elected Mayor" placeholder rows and the councils not in councils.csv (same-day by-elections);
  - replaces the five pre-2014 GSS codes LEAP uses with the current ones (CODES below);
  - maps each candidate's party label to a party code through the council's row of leap-party-labels.csv;
  - writes an uncontested return (LEAP: votes 0 and elected 1 for every candidate) as blank votes;
  - drops LEAP's " (ELECTED)" / " (NOT ELECTED)" after the names of candidates tied for a last seat (the elected
    column says the same).
A contest is a run of consecutive rows with one council, ward name and ward code. Its id is Democracy Club's
ballot-paper form, local.<council>.<ward>.2019-05-02, each part slugged (lowercase, runs of anything but a-z and
0-9 become one hyphen, hyphens trimmed). Should two contests of a council slug to the same ward (the same ward
contested twice that day, or two names that slug alike), the first in LEAP's order keeps the slug and the later
ones get -2, -3, ... after it; the 2019 file has none, and the script says how many it made.
"""
import csv
import os
import re
import sys
from collections import Counter, defaultdict

ELECTION = "local.2019-05-02"
DATE = "2019-05-02"
# LEAP keeps these councils under their codes from before 2014 (wards README).
CODES = {
    "E07000097": "E07000242",  # East Hertfordshire
    "E07000100": "E07000240",  # St Albans
    "E07000101": "E07000243",  # Stevenage
    "E07000104": "E07000241",  # Welwyn Hatfield
    "E08000020": "E08000037",  # Gateshead
}
TIE_NOTE = re.compile(r" \((NOT )?ELECTED\)$")


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write(dst, name, header, data):
    with open(os.path.join(dst, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(data)


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def main(src, dst):
    councils = {c["code"]: c for c in rows(os.path.join(dst, "councils.csv"))}
    parties = {p["code"] for p in rows(os.path.join(dst, "parties.csv"))}
    labels = {(l["council_gss"], l["leap_party_label"]): l["party_code"] for l in rows(os.path.join(src, "leap-party-labels.csv"))}

    contests = []  # [council code, ward name, ward code, [candidate rows]]
    for r in rows(os.path.join(src, "leap-2019-05-02.csv")):
        if r["ward_name"] == "Elected Mayor":
            assert r["party_label"] == "NULL", r
            continue
        council = CODES.get(r["council_gss"], r["council_gss"])
        if council not in councils:
            continue
        key = [council, r["ward_name"], r["ward_gss"]]
        if not contests or contests[-1][:3] != key:
            contests.append(key + [[]])
        contests[-1][3].append(r)

    ballots, candidates, taken, suffixed = [], [], Counter(), 0
    for council, ward, ward_code, cands in contests:
        base = f"{slug(councils[council]['name'])}.{slug(ward)}"
        taken[base] += 1
        suffixed += taken[base] > 1
        ballot = f"local.{base}{'' if taken[base] == 1 else f'-{taken[base]}'}.{DATE}"
        uncontested = all(c["votes"] == "0" and c["elected"] == "1" for c in cands)
        names = set()
        for c in cands:
            name = TIE_NOTE.sub("", c["candidate_name"])
            assert name == c["candidate_name"] or (c["elected"] == "1") == ("NOT" not in c["candidate_name"][len(name):]), c
            assert name not in names, (ballot, name)
            names.add(name)
            party = labels[(council, c["party_label"])]
            assert party in parties, (ballot, party)
            candidates.append([ballot, name, party, "" if uncontested else c["votes"],
                               "true" if c["elected"] == "1" else "false"])
        ballots.append([ELECTION, ballot, council, ward, ward_code, sum(c["elected"] == "1" for c in cands),
                        "true" if uncontested else "false", ""])

    write(dst, "ballots.csv",
          ["election_id", "id", "council", "ward_name", "ward_code", "seats", "uncontested", "turnout"], ballots)
    write(dst, "candidates.csv", ["ballot", "name", "party", "votes", "elected"], candidates)

    by_council = defaultdict(int)
    for b in ballots:
        by_council[b[2]] += 1
    print(f"{len(ballots)} ballots in {len(by_council)} councils ({sum(b[6] == 'true' for b in ballots)} uncontested, "
          f"{suffixed} ids given a suffix), {len(candidates)} candidates, "
          f"{sum(c[4] == 'true' for c in candidates)} elected")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
