"""Adds up wrk runs of one row measured in turns (bench/http/run.sh --turns) into one result, as wrk.lua prints it.

Usage: python3 bench/http/turns.py WRK_OUTPUT... ; prints "RESULT {...}": requests, seconds and errors summed, req/s
over the seconds summed, and p50, p99 and max from every latency of every run (each run's "LATENCY" line), taken as
wrk takes a percentile.
"""

import json
import sys

COUNTS = ("requests", "errors", "socket_errors", "failed_answers")


def read(path: str):
    result, latencies = None, {}
    with open(path, encoding="utf-8") as file:
        for line in file:
            if line.startswith("RESULT {"):
                result = json.loads(line[len("RESULT "):])
            elif line.startswith("LATENCY"):
                for pair in line.split()[1:]:
                    us, n = pair.split(":")
                    latencies[int(us)] = latencies.get(int(us), 0) + int(n)
    if result is None:
        sys.exit(f"{path}: wrk gave no result")
    return result, latencies


def percentile(latencies: dict, p: float) -> int:
    # wrk's stats_percentile: the least latency at which the count reaches round(p% of all + 0.5)
    rank = round(p / 100 * sum(latencies.values()) + 0.5)
    seen = 0
    for us in sorted(latencies):
        seen += latencies[us]
        if seen >= rank:
            return us
    return max(latencies, default=0)


def main(paths: list) -> None:
    total = {name: 0 for name in COUNTS} | {"seconds": 0.0}
    latencies = {}
    for path in paths:
        result, counts = read(path)
        for name in total:
            total[name] += result[name]
        for us, n in counts.items():
            latencies[us] = latencies.get(us, 0) + n
    out = {
        "requests": total["requests"],
        "seconds": round(total["seconds"], 3),
        "rps": round(total["requests"] / total["seconds"], 1),
        "p50_ms": percentile(latencies, 50) / 1e3,
        "p99_ms": percentile(latencies, 99) / 1e3,
        "max_ms": max(latencies, default=0) / 1e3,
        "errors": total["errors"],
        "socket_errors": total["socket_errors"],
        "failed_answers": total["failed_answers"],
        "turns": len(paths),
    }
    print("RESULT " + json.dumps(out, separators=(",", ":")))


if __name__ == "__main__":
    main(sys.argv[1:]) if len(sys.argv) > 1 else sys.exit(__doc__)
