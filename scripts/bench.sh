#!/usr/bin/env bash
# Benchmarks of the hot paths. Figures go into docs/benchmarks.md and the
# closing notes. Timing is never asserted in tests: this machine is shared.
#   ./scripts/bench.sh            # all
#   BENCHTIME=3x ./scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BENCHTIME=${BENCHTIME:-3x}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== go test -bench (ingest, transform, dashboards, demo generator)"
go test -run='^$' -bench=. -benchtime="$BENCHTIME" -benchmem ./ingest/... ./transform/ ./dashboards/ ./demo/ 2>&1 | grep -E '^(Benchmark|ok|FAIL|goos|cpu)' || true

echo
echo "== 1,000,000-row Shift_JIS roster through the CLI (time and peak memory)"
go build -o "$work/jinzai" ./cmd/jinzai
go run ./scripts/genroster -n 1000000 -o "$work/roster_20240401.csv"
ls -l "$work/roster_20240401.csv" | awk '{print "file bytes:", $5}'
/usr/bin/time -f "elapsed %e s, peak RSS %M KiB" "$work/jinzai" --db "$work/big.duckdb" ingest "$work/roster_20240401.csv"

echo
echo "== whole demo (generate + ingest + transform + dashboards + report)"
/usr/bin/time -f "elapsed %e s, peak RSS %M KiB" "$work/jinzai" demo --dir "$work/demo" >/dev/null
