#!/usr/bin/env bash
# The HTTP load benchmark of issue 11: wrk against the API (Release, embedded store, the 2019 seed) on 127.0.0.1, for
# each scenario and connection count, with the response cache on and off, beside a bare Kestrel bound serving (a)'s
# bytes from memory. Each row is a warm-up, then the measured run ((a), the bound and (e) measured in turns): req/s,
# p50, p99, errors and the server's peak RSS.
# Prints Markdown tables; the raw JSON lines and wrk's own output stay in the results folder.
set -euo pipefail
# shellcheck source=bench/http/lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
  cat <<EOF
Usage: bash bench/http/run.sh [options]
      --settle SECONDS       at each API start, load it with the scenarios in turn for this long in all, and the bound with (a)
                             as long (default 40): the
                             JIT recompiles hot code with what it learned (tiered compilation, dynamic PGO) over the first
                             15 s or so of load, and a server on results night has long been past it
  -w, --warmup SECONDS       warm-up before each measured run (default 3)
  -d, --duration SECONDS     each measured run (default 10)
      --turns N              (a), the bound and (e) are measured in turns, N each, of DURATION/N seconds (whole
                             seconds), the order turned each round (default 5): this machine's speed drifts by a third
                             over seconds, and three rows measured one after another measured that drift too
  -c, --connections "N ..."  connection counts (default "1 16 64")
  -s, --scenarios "X ..."    of a b c d e f (default all):
$(python3 "$HERE/scenarios.py" --list | sed 's/^/                               /')
      --cache on|off|both    the response cache (ElectionGraph:ResponseCache:Enabled) (default both)
      --encoding CODING      send Accept-Encoding: CODING (gzip, br) and count an answer not in it as an error (default:
                             none, answers uncompressed)
      --no-bound             skip the bare Kestrel bound
  -o, --out DIR              where results go (default: a new folder in /tmp)
EOF
}

settle=40 warmup=3 duration=10 turns=5 connections="1 16 64" scenarios="a b c d e f" cache=both bound=true out="" encoding=""
while (($#)); do
  case $1 in
    --settle) settle=$2 && shift ;;
    -w | --warmup) warmup=$2 && shift ;;
    -d | --duration) duration=$2 && shift ;;
    --turns) turns=$2 && shift ;;
    -c | --connections) connections=$2 && shift ;;
    -s | --scenarios) scenarios=$2 && shift ;;
    --cache) cache=$2 && shift ;;
    --encoding) encoding=$2 && shift ;;
    --no-bound) bound=false ;;
    -o | --out) out=$2 && shift ;;
    -h | --help) usage && exit 0 ;;
    *) usage >&2 && exit 2 ;;
  esac
  shift
done
case $cache in on | off) modes=$cache ;; both) modes="on off" ;; *) fail "--cache is on, off or both." ;; esac
[[ $encoding =~ ^(|gzip|br)$ ]] || fail "--encoding is gzip or br."
export BENCH_ENCODING=$encoding
[[ -z $encoding ]] || bound=false # the bound serves (a)'s bytes as they are, uncompressed
for s in $scenarios; do [[ $s == [a-f] ]] || fail "no scenario '$s' (a to f)."; done
[[ $settle =~ ^[0-9]+$ && $warmup =~ ^[0-9]+$ && $duration =~ ^[1-9][0-9]*$ ]] || fail "--settle, --warmup and --duration are whole seconds."
[[ $turns =~ ^[1-9][0-9]*$ ]] && ((duration % turns == 0)) || fail "--turns divides --duration into whole seconds."

need wrk "apt-get update && apt-get install -y wrk"
need curl
need python3
need dotnet

out=${out:-$(mktemp -d /tmp/electiongraph-httpbench-XXXXXX)}
mkdir -p "$out/wrk"
work_folder

echo "Building (Release)..." >&2
build src/ElectionGraph.Api bench/ElectionGraph.KestrelBound
for s in $scenarios; do python3 "$HERE/scenarios.py" "$s" >"$out/$s.requests"; done
python3 "$HERE/scenarios.py" a >"$WORK/a.requests"

cat >"$out/run.json" <<EOF
{"started":"$(date -u +%FT%TZ)","commit":"$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo "+changes")","machine":"$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)","dotnet":"$(dotnet --version)","wrk":"$(wrk -v 2>&1 | head -1 | cut -d' ' -f2)","settle_s":$settle,"encoding":"$encoding","warmup_s":$warmup,"duration_s":$duration,"turns":$turns}
EOF
results=$out/results.jsonl
: >"$results"

# check BASE SCENARIO: each distinct request of the scenario answers, with data and without errors; fails loudly.
check() {
  local line status n=0
  while IFS= read -r line; do
    status=$(send "$1" "$line" "$WORK/answer")
    answered "$status" "$WORK/answer" || fail "scenario $2: $status $(head -c 500 "$WORK/answer") for: ${line:0:300}"
    n=$((n + 1))
  done < <(sort -u "$out/$2.requests")
  echo "  ($2) $n distinct request(s) answered, the first of $(wc -c <"$WORK/answer") bytes" >&2
}

# measure TURNS CONNECTIONS ROW...: each ROW "MODE SCENARIO PID BASE REQUESTS" is warmed up, then measured in TURNS
# runs of DURATION/TURNS seconds, the rows in turns, the order turned by one each round (one row in one turn: a row
# measured on its own); a row's runs are added up (turns.py) into one JSON line to the results, with the cores the
# server and the whole machine kept busy while it was loaded (on a shared machine, what else was running).
measure() {
  local turns=$1 c=$2 threads=$(($2 < 2 ? $2 : 2)) round i n row
  local slice=$((duration / turns))
  shift 2
  local -a rows=("$@") busy=() used=() spent=()
  local mode scenario pid base requests machine server
  n=${#rows[@]}
  for row in "${rows[@]}"; do
    read -r mode scenario pid base requests <<<"$row"
    echo 5 >"/proc/$pid/clear_refs" # the peak RSS (VmHWM) starts again from the current RSS
    if ((warmup > 0)); then BENCH_REQUESTS=$requests wrk -t "$threads" -c "$c" -d "${warmup}s" -s "$HERE/wrk.lua" "$base" >/dev/null; fi
  done
  for ((round = 0; round < turns; round++)); do
    for ((i = 0; i < n; i++)); do
      local at=$(((i + round) % n)) before started=$EPOCHREALTIME
      read -r mode scenario pid base requests <<<"${rows[at]}"
      before=$(cpu_ticks "$pid")
      BENCH_REQUESTS=$requests wrk -t "$threads" -c "$c" -d "${slice}s" --latency -s "$HERE/wrk.lua" "$base" >"$out/wrk/$mode-$scenario-$c.$round.txt" 2>&1
      read -r machine server <<<"$(echo "$before $(cpu_ticks "$pid")" | awk '{ print $3 - $1, $4 - $2 }')"
      busy[at]=$((${busy[at]:-0} + machine)) used[at]=$((${used[at]:-0} + server))
      spent[at]=$(awk -v s="${spent[at]:-0}" -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { print s + b - a }')
    done
  done
  for ((i = 0; i < n; i++)); do
    read -r mode scenario pid base requests <<<"${rows[i]}"
    local result peak cores
    result=$(python3 "$HERE/turns.py" "$out/wrk/$mode-$scenario-$c".*.txt) || fail "wrk gave no result for $mode $scenario $c."
    peak=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status")
    cores=$(awk -v hz="$(getconf CLK_TCK)" -v s="${spent[i]}" -v m="${busy[i]}" -v u="${used[i]}" \
      'BEGIN { printf "\"server_cores\":%.2f,\"machine_cores\":%.2f", u / hz / s, m / hz / s }')
    echo "{\"mode\":\"$mode\",\"scenario\":\"$scenario\",\"connections\":$c,\"peak_rss_mb\":$peak,$cores,${result#RESULT \{}" | tee -a "$results" >&2
  done
}

data=$WORK/data
for mode in $modes; do
  port=$(free_port)
  base="http://127.0.0.1:$port"
  api_args "$data" "$port"
  enabled=$([[ $mode == on ]] && echo true || echo false)
  echo "The API, response cache $mode, on $base (data: $data)..." >&2
  start "$out/api-cache-$mode.log" dotnet "$API_DLL" "${API_ARGS[@]}" --ElectionGraph:ResponseCache:Enabled="$enabled"
  api=$PID
  wait_until "$api" "the API was ready" "$out/api-cache-$mode.log" ready "$base"

  for s in $scenarios; do check "$base" "$s"; done
  # (a)'s answer: its bytes are what the bound serves, and (e) must answer the same data.
  status=$(send "$base" "$(<"$WORK/a.requests")" "$WORK/a.answer")
  answered "$status" "$WORK/a.answer" || fail "(a) answered $status."
  content_type=$(tr -d '\r' <"$WORK/a.answer.headers" | awk -F': ' 'tolower($1) == "content-type" { print $2 }')
  if [[ $scenarios == *e* ]]; then
    send "$base" "$(<"$out/e.requests")" "$WORK/e.answer" >/dev/null
    python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["data"] != json.load(open(sys.argv[2]))["data"])' "$WORK/a.answer" "$WORK/e.answer" ||
      fail "(e) does not answer the data (a) does."
  fi

  # The bound is started with the first API (it serves that API's answer), settled as the API is, and measured among
  # that API's rows: this machine's speed drifts over minutes, and a ratio of rows far apart would measure that.
  if $bound && [[ -z ${bound_base:-} ]]; then
    bound_base="http://127.0.0.1:$(free_port)"
    echo "The bound: bare Kestrel with (a)'s $(wc -c <"$WORK/a.answer") bytes ($content_type), on $bound_base..." >&2
    start "$out/bound.log" dotnet "$ROOT/bench/ElectionGraph.KestrelBound/bin/Release/net10.0/ElectionGraph.KestrelBound.dll" \
      --urls "$bound_base" --answer "$WORK/a.answer" --content-type "$content_type" --Logging:LogLevel:Default=Warning
    bound_pid=$PID
    wait_until "$bound_pid" "the bound answered" "$out/bound.log" curl -sf -o /dev/null -X POST "$bound_base/graphql"
    if ((settle > 0)); then
      echo "Settling the bound: (a) for $settle s at 16 connections..." >&2
      BENCH_REQUESTS=$WORK/a.requests wrk -t 2 -c 16 -d "${settle}s" -s "$HERE/wrk.lua" "$bound_base" >/dev/null
    fi
  fi

  if ((settle > 0)); then
    n=$(wc -w <<<"$scenarios")
    echo "Settling: each scenario for $(((settle + n - 1) / n)) s at 16 connections..." >&2
    for s in $scenarios; do BENCH_REQUESTS=$out/$s.requests wrk -t 2 -c 16 -d "$(((settle + n - 1) / n))s" -s "$HERE/wrk.lua" "$base" >/dev/null; done
  fi
  # (a) and (e) are held to the bound: at each connection count, (a), the bound and (e) in turns; the other scenarios
  # follow.
  rest=$scenarios
  if [[ -n ${bound_pid:-} ]]; then
    rest=$(tr ' ' '\n' <<<"$scenarios" | { grep -vx '[ae]' || true; } | xargs) # grep fails when it keeps nothing
    held=()
    [[ " $scenarios " != *" a "* ]] || held+=("cache-$mode a $api $base $out/a.requests")
    held+=("bound a $bound_pid $bound_base $WORK/a.requests")
    [[ " $scenarios " != *" e "* ]] || held+=("cache-$mode e $api $base $out/e.requests")
    for c in $connections; do measure "$turns" "$c" "${held[@]}"; done
    stop "$bound_pid"
    bound_pid=""
  fi
  for s in $rest; do
    for c in $connections; do measure 1 "$c" "cache-$mode $s $api $base $out/$s.requests"; done
  done
  stop "$api"
done

python3 "$HERE/report.py" "$out" | tee "$out/report.md"
echo "Results: $out (results.jsonl, report.md, wrk/)" >&2
