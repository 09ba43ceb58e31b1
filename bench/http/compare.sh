#!/usr/bin/env bash
# One change's before and after: two commits of the API, each built in a worktree of its own and started on its own
# copy of the seed, then loaded in turns — one, then the other, for each round — so both meet the same drift of this
# machine's speed, which over minutes is larger than most single changes. Prints per round and commit the req/s and
# the server's CPU time per request (its busy time over its answers), which drifts less than req/s. With --together,
# each round loads both at once, half the connections each, so both meet exactly the same machine: the ratio of their
# CPU times per request then varies far less than between runs in turns (for changes of a few per cent).
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
      --together          load both APIs at once in each round, half the connections each, one wrk thread each;
                          ends with the median of after's CPU time a request over before's
      --before-setting K=V, --after-setting K=V
                          a setting for that API only (repeatable), e.g. one commit with and without telemetry:
                          HEAD HEAD --before-setting ElectionGraph:Metrics:Enabled=false
EOF
}

scenario=a cache=on encoding="" rounds=4 connections=16 duration=6 settle=20 together=false
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
    --together) together=true ;;
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
# report ROUND LABEL TICKS WRK_OUTPUT: one line for one API's run; its server time a request goes to $WORK/us-LABEL.
report() {
  python3 -c 'import json, sys; r = json.loads(sys.argv[1][7:]); us = int(sys.argv[4]) / int(sys.argv[5]) / r["requests"] * 1e6
print("round %s %-6s %9s req/s  %6.1f µs of server time a request  p99 %.1f ms  errors %d" % (sys.argv[2], sys.argv[3], format(round(r["rps"]), ","), us, r["p99_ms"], r["errors"]))
open(sys.argv[6], "a").write("%f\n" % us)' "$(grep -m1 '^RESULT {' "$4")" "$1" "$2" "$3" "$hz" "$WORK/us-$2"
}
declare -A ticks
for round in $(seq "$rounds"); do
  if $together; then
    for label in before after; do read -r _ "ticks[$label]" <<<"$(cpu_ticks "${pid[$label]}")"; done
    loads=()
    # The wrk started first gains a little (some 2 % in runs of one build against itself): each round turns the order.
    order=$( ((round % 2)) && echo "before after" || echo "after before")
    for label in $order; do
      BENCH_REQUESTS=$WORK/requests wrk -t 1 -c "$((connections / 2))" -d "${duration}s" -s "$HERE/wrk.lua" "${base[$label]}" >"$WORK/wrk-$label" &
      loads+=($!)
    done
    wait "${loads[@]}"
    for label in before after; do
      read -r _ used <<<"$(cpu_ticks "${pid[$label]}")"
      report "$round" "$label" "$((used - ticks[$label]))" "$WORK/wrk-$label"
    done
  else
    for label in before after; do
      read -r _ "ticks[$label]" <<<"$(cpu_ticks "${pid[$label]}")"
      BENCH_REQUESTS=$WORK/requests wrk -t 2 -c "$connections" -d "${duration}s" -s "$HERE/wrk.lua" "${base[$label]}" >"$WORK/wrk-$label"
      read -r _ used <<<"$(cpu_ticks "${pid[$label]}")"
      report "$round" "$label" "$((used - ticks[$label]))" "$WORK/wrk-$label"
    done
  fi
done
python3 -c 'import statistics, sys; b, a = ([float(x) for x in open(f)] for f in sys.argv[1:])
r = sorted(y / x for x, y in zip(b, a))
print("after / before, server time a request, per round: %s; median %.3f" % (" ".join("%.3f" % x for x in r), statistics.median(r)))' \
  "$WORK/us-before" "$WORK/us-after"
for label in before after; do stop "${pid[$label]}"; done
