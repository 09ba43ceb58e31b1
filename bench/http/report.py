"""Markdown tables of one run of bench/http/run.sh, from its results folder (run.json, results.jsonl).

Usage: python3 bench/http/report.py RESULTS_FOLDER
"""

import json
import sys
from pathlib import Path

from scenarios import SCENARIOS

# Issue 11's figures, measured before it (wrk, 16 connections, 10 s after 3 s of warm-up, POST, same machine):
# ElectionGraph's req/s (and p99 where given) and graphql-yoga's, on the same SDL, answering from memory.
BEFORE = {"a": "422 req/s, p99 79 ms", "b": "3,442 req/s", "c": "1,742 req/s", "d": "9,672 req/s"}
YOGA = {"a": "226 req/s", "b": "2,961 req/s", "c": "2,116 req/s", "d": "3,712 req/s"}
BOUND_BEFORE = "9,357 req/s"
TARGETS = {
    "a": "on: ≥ 80 % of the bound; off: ≥ 1,300 req/s",
    "b": "off: ≥ 9,000 req/s, p99 < 20 ms",
    "c": "off: ≥ 6,300 req/s, p99 < 20 ms",
    "d": "off: ≥ 11,000 req/s, p99 < 20 ms",
    "e": "on: ≥ 80 % of the bound",
}
MODES = {"cache-on": "API, response cache on", "cache-off": "API, response cache off"}
FOCUS = 16  # the connections the targets are set at
RSS_TARGET_MB = 300


def ms(value: float) -> str:
    return f"{value:.2f}" if value < 1 else f"{value:.1f}"


def rate(row: dict) -> str:
    return f"{row['rps']:,.0f} req/s, p99 {ms(row['p99_ms'])} ms" + (f", {row['errors']:,} errors" if row["errors"] else "")


def rows_table(rows: list, with_scenario: bool) -> list:
    head = ["scenario"] * with_scenario + ["connections", "req/s", "p50 ms", "p99 ms", "errors", "peak RSS MB", "cores: server / machine"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        cells = [f"({row['scenario']}) {SCENARIOS[row['scenario']][0]}"] * with_scenario + [
            str(row["connections"]), f"{row['rps']:,.0f}", ms(row["p50_ms"]), ms(row["p99_ms"]), f"{row['errors']:,}", f"{row['peak_rss_mb']:.0f}",
            f"{row['server_cores']:.2f} / {row['machine_cores']:.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    peak = max(row["peak_rss_mb"] for row in rows)
    return lines + ["", f"Peak RSS over these runs: {peak:.0f} MB (target: under {RSS_TARGET_MB} MB)."]


def focus_table(rows: list) -> list:
    at = {(row["mode"], row["scenario"]): row for row in rows if row["connections"] == FOCUS}
    bound = at.get(("bound", "a"))
    scenarios = sorted({scenario for mode, scenario in at if mode != "bound"})
    if not scenarios:
        return []

    def cell(mode: str, scenario: str) -> str:
        row = at.get((mode, scenario))
        if not row:
            return "–"
        share = row["rps"] / bound["rps"] if bound and scenario in ("a", "e") else None
        return rate(row) + (f" ({share:.{0 if share >= 0.1 else 1}%} of the bound)" if share is not None else "")

    lines = [f"### At {FOCUS} connections, beside issue 11's figures", "",
             "| scenario | cache on | cache off | before issue 11 | graphql-yoga (issue 11) | target |", "|---|---|---|---|---|---|"]
    for scenario in scenarios:
        lines.append(f"| ({scenario}) {SCENARIOS[scenario][0]} | {cell('cache-on', scenario)} | {cell('cache-off', scenario)} | "
                     f"{BEFORE.get(scenario, '–')} | {YOGA.get(scenario, '–')} | {TARGETS.get(scenario, '–')} |")
    if bound:
        lines.append(f"| bound: bare Kestrel, (a)'s bytes | {rate(bound)} | | {BOUND_BEFORE} | | |")
    return lines + [""]


def main(folder: Path) -> None:
    run = json.loads((folder / "run.json").read_text())
    rows = [json.loads(line) for line in (folder / "results.jsonl").read_text().splitlines() if line]
    out = [f"## HTTP benchmark, {run['started']}", "",
           f"Commit {run['commit']}; {run['machine']}; .NET SDK {run['dotnet']}; wrk {run['wrk']} (2 threads, 1 at 1 connection), "
           f"the API settled for {run.get('settle_s', 0)} s at start (every scenario in turn), the bound as long on (a); "
           f"{run['warmup_s']} s of warm-up and {run['duration_s']} s measured for each row, "
           + (f"the first API's (a) and (e) and the bound in {run['turns']} turns each, the order turned each round; " if run.get("turns")
              else "the bound measured between the first API's (a) and (e); ")
           + "POST unless said, "
           f"{'Accept-Encoding: ' + run['encoding'] if run.get('encoding') else 'no compression'}. "
           "Errors: socket errors and timeouts, statuses other than 2xx, and 2xx answers holding \"errors\". "
           "Peak RSS: the server's VmHWM, reset before each row's warm-up (rows in turns: the API's (a) and (e) share one). Cores: what the server, and the whole machine "
           "(wrk and anything else running included), kept busy during the measured run.", ""]
    out += focus_table(rows)
    for mode, title in MODES.items():
        mode_rows = sorted((row for row in rows if row["mode"] == mode), key=lambda row: (row["scenario"], row["connections"]))
        if mode_rows:
            out += [f"### {title}", ""] + rows_table(mode_rows, with_scenario=True) + [""]
    bound_rows = [row for row in rows if row["mode"] == "bound"]
    if bound_rows:
        out += ["### Bound: bare Kestrel (bench/ElectionGraph.KestrelBound) answering (a)'s bytes from memory", ""]
        out += rows_table(bound_rows, with_scenario=False) + [""]
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
