#!/usr/bin/env bash
# The delivery guarantee's stress test (tests/ElectionGraph.Tests/Subscriptions/DeliveryGuaranteeTests.cs) at a
# larger size: more councils, corrections, WebSocket and SSE subscribers. Usage: bench/delivery/run.sh [scale]
set -uo pipefail
cd "$(dirname "$0")/../.."
export ELECTIONGRAPH_DELIVERY_SCALE="${1:-8}"
log=$(mktemp)
if dotnet test tests/ElectionGraph.Tests -c Release --filter "FullyQualifiedName~DeliveryGuaranteeTests" --logger "console;verbosity=detailed" >"$log" 2>&1; then
  grep -E "^ Scale [0-9]+:|Passed!" "$log"
else
  cat "$log"
  exit 1
fi
