#!/usr/bin/env bash
# The telemetry's cost (issue 13): one build loaded in turns with telemetry off (no metrics, no traces) and on
# (metrics, and every request traced — the default sampler keeps all — and exported over OTLP/HTTP to a sink on
# 127.0.0.1 that answers each export at once). Options are compare.sh's (scenario, rounds, duration, …).
# Usage: bash bench/http/telemetry.sh [--commit REV] [compare.sh options]   (default HEAD)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
commit=HEAD
if [[ ${1:-} == --commit ]]; then
  commit=$2
  shift 2
fi

sink_out=$(mktemp)
python3 "$HERE/otlp-sink.py" >"$sink_out" &
sink=$!
trap 'kill -TERM $sink 2>/dev/null; wait $sink 2>/dev/null; rm -f "$sink_out"' EXIT
until [[ -s $sink_out ]]; do sleep 0.1; done
port=$(head -1 "$sink_out")

echo "before: telemetry off; after: metrics on, every request traced to the OTLP sink on 127.0.0.1:$port" >&2
bash "$HERE/compare.sh" "$@" \
  --before-setting ElectionGraph:Metrics:Enabled=false \
  --after-setting OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$port" --after-setting OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf \
  "$commit" "$commit"
