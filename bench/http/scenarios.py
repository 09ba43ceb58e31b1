"""The requests of each HTTP benchmark scenario, one a line: METHOD <tab> PATH <tab> JSON body (none for GET).

Usage: python3 bench/http/scenarios.py SCENARIO > FILE, SCENARIO one of a-f (--list lists them). The mix (f)
is every query of schema/examples/, each as often as the others, with its variables varied over values from the
seed (party codes, regions, council codes, name fragments): a fixed, shuffled list, the same on every run.
"""

import csv
import hashlib
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "bench" / "http" / "queries"
EXAMPLES = ROOT / "schema" / "examples"
SEED = ROOT / "seed"
ELECTION = "local.2019-05-02"
PER_OPERATION = 20  # requests of each example in the mix


def post(document: Path, operation_name=None, variables=None) -> str:
    body = {"query": document.read_text(encoding="utf-8")}
    if operation_name:
        body["operationName"] = operation_name
    if variables:
        body["variables"] = variables
    return f"POST\t/graphql\t{json.dumps(body, separators=(',', ':'))}"


def persisted_get(document: Path) -> str:
    # The API registers each file of the persisted folder under the SHA-256 of its text.
    return f"GET\t/graphql?documentId=sha256:{hashlib.sha256(document.read_bytes()).hexdigest()}\t"


def rows(name: str) -> list:
    with open(SEED / name, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def variable_values() -> dict:
    """The values each variable of the examples takes in the mix, by variable name."""
    councils = {row["code"]: row for row in rows("councils.csv")}
    declared = [row["council"] for row in rows("council-results.csv") if row["election_id"] == ELECTION]
    parties = sorted({row["party"] for row in rows("council-seats.csv") if row["election_id"] == ELECTION and int(row["won"] or 0) > 0})
    return {
        "code": declared,
        "region": sorted({councils[code]["region"] for code in declared}),
        "partyCode": parties,
        "text": sorted({councils[code]["name"].split()[0][:4].lower() for code in declared}),
        # The seed is stored when the API first starts, so results-night times all return every result.
        "since": [f"2019-05-0{day}T{hour:02}:00:00Z" for day in (2, 3) for hour in (0, 6, 12, 18)],
        "after": [None],  # the first page: a cursor comes from a previous answer
        "electionId": [ELECTION],
        # The showcase's slices: the whole election, a region, a council type.
        "where": [None]
        + [{"council": {"region": {"eq": region}}} for region in sorted({councils[code]["region"] for code in declared})]
        + [{"council": {"type": {"eq": kind.upper()}}} for kind in sorted({councils[code]["type"] for code in declared})],
        "updatedSince": [None],  # every result: the seed is stored after any time a catch-up could name
    }


def mix() -> list:
    values = variable_values()
    rng = random.Random(11)  # issue 11: the same list every run
    requests = []
    for example in sorted(EXAMPLES.glob("*.graphql")):
        text = example.read_text(encoding="utf-8")
        if re.search(r"^subscription\s", text, re.MULTILINE):
            continue  # a subscription is no HTTP request
        operation = re.search(r"^query\s+(\w+)\s*(?:\(([^)]*)\))?", text, re.MULTILINE)
        if not operation:
            sys.exit(f"{example.name}: no named query")
        names = re.findall(r"\$(\w+)\s*:", operation.group(2) or "")
        unknown = [name for name in names if name not in values]
        if unknown:
            sys.exit(f"{example.name}: no values for ${', $'.join(unknown)}; add them to variable_values() in {Path(__file__).name}")
        for _ in range(PER_OPERATION):
            requests.append(post(example, operation.group(1), {name: rng.choice(values[name]) for name in names}))
    rng.shuffle(requests)
    return requests


# Each scenario: a short name for tables, what it is, and its requests.
SCENARIOS = {
    "a": ("results map", "councilResults(first: 500) with council, control and seats (97 KB)", lambda: [post(QUERIES / "results-map.graphql")]),
    "b": ("seatChanges", "filtered and ordered: the Lib Dems' gains in the South West", lambda: [post(QUERIES / "seat-changes.graphql")]),
    "c": ("partyTotals", "seats and councils per party", lambda: [post(QUERIES / "party-totals.graphql")]),
    "d": ("council page", "one council's page (schema/examples/council-page.graphql)", lambda: [post(EXAMPLES / "council-page.graphql")]),
    "e": ("results map, persisted GET", "(a) by GET /graphql?documentId=sha256:...", lambda: [persisted_get(QUERIES / "results-map.graphql")]),
    "f": ("mix", "every schema/examples operation, its variables varied over the seed", mix),
}

if __name__ == "__main__":
    if sys.argv[1:] == ["--list"]:
        print("\n".join(f"{key}  {name}: {about}" for key, (name, about, _) in SCENARIOS.items()))
    elif len(sys.argv) == 2 and sys.argv[1] in SCENARIOS:
        print("\n".join(SCENARIOS[sys.argv[1]][2]()))
    else:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(SCENARIOS)}}} | --list")
