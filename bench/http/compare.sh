#!/usr/bin/env bash
# One change's before and after: two commits of the API, each built in a worktree of its own and started on its own
# copy of the seed, then loaded in turns — one, then the other, for each round — so both meet the same drift of this
# machine's speed, which over minutes is larger than most single changes. Prints per round and commit the req/s and
# the server's CPU time per request (its busy time over its answers), which drifts less than req/s.
set -euo pipefail
# shellcheck source=bench/http/lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
  cat <<EOF
Usage: bash bench/http/compare.sh [options] BEFORE AFTER     (commits, as git rev-parse takes them)
  -s, --scenario X        one of a to f (default a; see run.sh)
      --cache on|off      the response cache (default on)
      --encoding CODING   send Accept-Encoding: CODING (gzip, br)
  -r, --rounds N          rounds (default 4)
  -c, --connections N     (default 16)
  -d, --duration SECONDS  each measured run (default 6)
      --settle SECONDS    load each API this long before the first round (default 20)
      --before-setting K=V, --after-setting K=V
                          a setting for that API only (repeatable), e.g. one commit with and without telemetry:
                          HEAD HEAD --before-setting ElectionGraph:Metrics:Enabled=false
EOF
}

scenario=a cache=on encoding="" rounds=4 connections=16 duration=6 settle=20
declare -A settings=([before]="" [after]="")
while (($# > 2)); do
  case $1 in
    -s | --scenario) scenario=$2 && shift ;;
    --cache) cache=$2 && shift ;;
    --encoding) encoding=$2 && shift ;;
    -r | --rounds) rounds=$2 && shift ;;
    -c | --connections) connections=$2 && shift ;;
    -d | --duration) duration=$2 && shift ;;
    --settle) settle=$2 && shift ;;
    --before-setting) settings[before]+=" --$2" && shift ;;
    --after-setting) settings[after]+=" --$2" && shift ;;
    *) usage >&2 && exit 2 ;;
  esac
  shift
done
(($# == 2)) || { usage >&2 && exit 2; }
[[ $scenario == [a-f] && $cache =~ ^(on|off)$ && $encoding =~ ^(|gzip|br)$ ]] || { usage >&2 && exit 2; }
export BENCH_ENCODING=$encoding
need wrk "apt-get update && apt-get install -y wrk"
need dotnet

work_folder
trap 'stop_all; for t in "$WORK"/tree-*; do git -C "$ROOT" worktree remove --force "$t" 2>/dev/null; done; rm -rf "$WORK"' EXIT
python3 "$HERE/scenarios.py" "$scenario" >"$WORK/requests"

declare -A base pid
for label in before after; do
  rev=$([[ $label == before ]] && echo "$1" || echo "$2")
  tree=$WORK/tree-$label
  git -C "$ROOT" worktree add --detach "$tree" "$rev" >/dev/null 2>&1 || fail "no commit $rev."
  echo "Building $label ($(git -C "$tree" rev-parse --short HEAD))..." >&2
  dotnet build -c Release --nologo -v quiet "$tree/src/ElectionGraph.Api" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; fail "the build of $rev failed."; }
  port=$(free_port)
  base[$label]="http://127.0.0.1:$port"
  api_args "$WORK/data-$label" "$port"
  # shellcheck disable=SC2086 # each setting is one word (K=V, no spaces)
  start "$WORK/$label.log" dotnet "$tree/src/ElectionGraph.Api/bin/Release/net10.0/ElectionGraph.Api.dll" "${API_ARGS[@]}" \
    --ElectionGraph:ResponseCache:Enabled="$([[ $cache == on ]] && echo true || echo false)" ${settings[$label]}
  pid[$label]=$PID
  wait_until "$PID" "the API ($label) was ready" "$WORK/$label.log" ready "${base[$label]}"
done

for label in before after; do
  BENCH_REQUESTS=$WORK/requests wrk -t 2 -c "$connections" -d "${settle}s" -s "$HERE/wrk.lua" "${base[$label]}" >/dev/null
done
hz=$(getconf CLK_TCK)
for round in $(seq "$rounds"); do
  for label in before after; do
    read -r _ ticks <<<"$(cpu_ticks "${pid[$label]}")"
    result=$(BENCH_REQUESTS=$WORK/requests wrk -t 2 -c "$connections" -d "${duration}s" -s "$HERE/wrk.lua" "${base[$label]}" | grep -m1 '^RESULT {')
    read -r _ used <<<"$(cpu_ticks "${pid[$label]}")"
    used=$((used - ticks))
    python3 -c 'import json, sys; r = json.loads(sys.argv[1][7:]); us = int(sys.argv[4]) / int(sys.argv[5]) / r["requests"] * 1e6
print("round %s %-6s %9s req/s  %6.1f µs of server time a request  p99 %.1f ms  errors %d" % (sys.argv[2], sys.argv[3], format(round(r["rps"]), ","), us, r["p99_ms"], r["errors"]))' \
      "$result" "$round" "$label" "$used" "$hz"
  done
done
for label in before after; do stop "${pid[$label]}"; done
