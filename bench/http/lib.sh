# shellcheck shell=bash disable=SC2034 # (its variables are for the scripts that source it)
# Shared by bench/http/run.sh and coldstart.sh (sourced): the build, the API's settings, requests sent with curl, and
# the processes they start, each in a process group of its own, stopped when the script exits however it exits.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/bench/http
API_DLL=$ROOT/src/ElectionGraph.Api/bin/Release/net10.0/ElectionGraph.Api.dll
export PYTHONDONTWRITEBYTECODE=1
# What GraphQL clients send (Apollo Client's); no Accept-Encoding, so answers are not compressed.
export BENCH_ACCEPT='application/graphql-response+json, application/json;q=0.9'

fail() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

need() {
  command -v "$1" >/dev/null || fail "$1 is not installed${2:+ (install it: $2)}."
}

build() {
  local project
  for project in "$@"; do
    dotnet build -c Release --nologo -v quiet "$ROOT/$project" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; fail "the build of $project failed."; }
  done
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Production-like settings on the embedded store in the given folder (seeded from seed/ when empty), logging at
# Warning so that logging is not what is measured. Only the anonymous budgets are raised for the load generator (one
# address, standing for many callers): requests out of its reach, cost points as high as a budget goes (2^31 - 1 a
# minute, 35.8 million a second: about 6,500 results maps a second, charged 5,503 points each, against the 15,000 or
# more a second the bench asks for while the maps are measured; the budget holds a minute's worth, enough for a run,
# and what it cannot pay is counted as errors).
# Sets API_ARGS for the data folder and port given.
api_args() {
  API_ARGS=(--urls "http://127.0.0.1:$2" --ElectionGraph:DataDirectory="$1" --Logging:LogLevel:Default=Warning
    --ElectionGraph:Budgets:Anonymous:RequestsPerMinute=100000000 --ElectionGraph:Budgets:Anonymous:CostPerMinute=2147483647
    --ElectionGraph:Http:PersistedQueries:Directory="$HERE/queries")
}

STARTED=()

# start LOG COMMAND...: runs the command in the background in a new process group (dotnet run starts the app as a
# child), in the Production environment, without a telemetry collector; sets PID (the group's id too). The group is
# made by job control, in this shell's session: a session of its own (setsid) is also a scheduling autogroup of its
# own on Linux, which gets a fair share of the cores against the load generator's group rather than thread by thread:
# a traced server loaded beside another by compare.sh --together spent twice the CPU time a request in a session of
# its own as in the shell's, while the server beside it did not change.
start() {
  local log=$1
  shift
  set -m
  env -u OTEL_EXPORTER_OTLP_ENDPOINT ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production DOTNET_NOLOGO=1 "$@" >"$log" 2>&1 &
  PID=$!
  set +m
  STARTED+=("$PID")
}

# stop PID: SIGTERM to its group, as an orchestrator would, and waits until the whole group has exited (the API's
# store is locked until then).
stop() {
  kill -TERM -- "-$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  while kill -0 -- "-$1" 2>/dev/null; do sleep 0.05; done
  local i
  for i in "${!STARTED[@]}"; do [[ ${STARTED[$i]} == "$1" ]] && unset 'STARTED[i]'; done
  return 0
}

# work_folder: sets WORK, a temporary folder, and stops everything started and deletes WORK however the script ends
# (Ctrl-C included: bash would otherwise carry on once wrk has stopped).
work_folder() {
  WORK=$(mktemp -d)
  trap 'stop_all; rm -rf "$WORK"' EXIT
  trap 'exit 130' INT TERM
}

stop_all() {
  local pid
  for pid in "${STARTED[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  return 0
}

# send BASE_URL REQUEST ANSWER_FILE: sends one request line (METHOD <tab> PATH <tab> body, as scenarios.py writes
# them) and prints the status; the answer's headers go to ANSWER_FILE.headers.
send() {
  local method path body
  IFS=$'\t' read -r method path body <<<"$2"
  local args=(-s -o "$3" -D "$3.headers" -w '%{http_code}' -H "Accept: $BENCH_ACCEPT")
  [[ $method == POST ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  curl "${args[@]}" "$1$path" || true
}

# answered STATUS FILE: a 2xx whose body has data and no "errors".
answered() {
  [[ $1 == 2?? ]] && grep -q '"data"' "$2" && ! grep -q '"errors"' "$2"
}

# wait_until PID DESCRIPTION LOG COMMAND...: polls the command every 10 ms until it succeeds; fails if the process exits
# first or after two minutes.
wait_until() {
  local pid=$1 what=$2 log=$3
  shift 3
  local deadline=$((SECONDS + 120))
  until "$@"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; fail "the process exited before $what."; }
    ((SECONDS < deadline)) || { cat "$log" >&2; fail "no $what within two minutes."; }
    sleep 0.01
  done
}

# cpu_ticks PID: the clock ticks the machine has been busy, and those the process has used.
cpu_ticks() {
  echo "$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat) $(awk '{ print $14 + $15 }' "/proc/$1/stat")"
}

ready() {
  curl -sf -o /dev/null "$1/health/ready"
}
