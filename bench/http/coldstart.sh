#!/usr/bin/env bash
# Cold start (issue 11, item 4): with the API built (Release) and its data folder already seeded, the time from starting
# the process to its first successful answer to a query (the results map, (a) of run.sh), polled every 10 ms; the median
# of several starts, for `dotnet ElectionGraph.Api.dll` and for `dotnet run --no-build`. Prints a Markdown table.
set -euo pipefail
# shellcheck source=bench/http/lib.sh
source "$(dirname "$0")/lib.sh"

starts=5
case ${1:-} in
  "") ;;
  -n | --starts)
    [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || fail "--starts takes a number."
    starts=$2
    ;;
  *) echo "Usage: bash bench/http/coldstart.sh [-n|--starts N (default 5)]" >&2 && exit 2 ;;
esac
need curl
need python3
need dotnet

first_answer() {
  local status
  status=$(send "$base" "$request" "$WORK/answer")
  answered "$status" "$WORK/answer"
}

# timed COMMAND...: starts the API with the command; sets ELAPSED, the milliseconds until its first answer.
timed() {
  local port started
  port=$(free_port)
  base="http://127.0.0.1:$port"
  api_args "$data" "$port"
  started=${EPOCHREALTIME/./}
  start "$WORK/api.log" "$@" "${API_ARGS[@]}"
  wait_until "$PID" "the first answer" "$WORK/api.log" first_answer
  ELAPSED=$(((${EPOCHREALTIME/./} - started) / 1000))
  stop "$PID"
}

median() {
  tr ' ' '\n' <<<"$*" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# row LABEL COMMAND...: the table's row for starting the API with the command.
row() {
  local label=$1 times=() i
  shift
  for ((i = 0; i < starts; i++)); do
    timed "$@"
    times+=("$ELAPSED")
    echo "  $label: $ELAPSED ms" >&2
  done
  echo "| \`$label\` | $(median "${times[@]}") ms | ${times[*]} ms |"
}

work_folder
echo "Building (Release)..." >&2
build src/ElectionGraph.Api
data=$WORK/data
request=$(python3 "$HERE/scenarios.py" a)
echo "Seeding the data folder (a first start, not timed)..." >&2
timed dotnet "$API_DLL"

echo "## Cold start, $(date -u +%FT%TZ)"
echo
echo "Commit $(git -C "$ROOT" rev-parse --short HEAD); $(nproc) cores; .NET SDK $(dotnet --version); Release build, the 2019 seed" \
  "already stored; from starting the process to its first answer to the results map (polled every 10 ms), $starts starts each."
echo
echo "| start | median | each start |"
echo "|---|---|---|"
row "dotnet src/ElectionGraph.Api/bin/Release/net10.0/ElectionGraph.Api.dll" dotnet "$API_DLL"
row "dotnet run --no-build -c Release --project src/ElectionGraph.Api" dotnet run --no-build -c Release --project "$ROOT/src/ElectionGraph.Api" --
