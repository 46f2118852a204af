#!/usr/bin/env bash
# The ETL benchmark: whole ETL (poll -> signed URL -> download -> unzip -> parse -> load) against the warehouse's own
# bulk CSV import (psql \copy for PostgreSQL, DuckDB read_csv for the embedded default), on the same extract, in one run.
#
#   bench/run.sh [--sweep 100000,1000000] [--no-full] [--reps 1] [--warehouse postgres|duckdb|both] [--build] [--help]
#
# Needs: JDK 17, python3; for PostgreSQL the Debian `postgresql` package (installed with apt-get when missing and root).
# Results: printed, and written to bench/results/<timestamp>.json. See docs/performance.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
build=0
for a in "$@"; do [ "$a" = "--build" ] && build=1; done
etl_jar="$root/routes/target/camel-dataconnector-etl.jar"
sim_jar="$(ls "$root"/dataconnector-simulator/target/dataconnector-simulator-*-standalone.jar 2>/dev/null | head -1 || true)"
if [ "$build" = 1 ] || [ ! -f "$etl_jar" ] || [ -z "$sim_jar" ]; then
  echo "Building (./mvnw -q -DskipTests package) ..."
  (cd "$root" && ./mvnw -q -DskipTests -Dconformance.skip=true package)
fi
# the instrumentation agent (peak heap, RSS, work-directory timeline); the benchmark's only compiled helper
mkdir -p "$here/target/agent"
if [ ! -f "$here/target/heap-agent.jar" ] || [ "$here/src/HeapAgent.java" -nt "$here/target/heap-agent.jar" ]; then
  javac -d "$here/target/agent" "$here/src/HeapAgent.java"
  printf 'Premain-Class: HeapAgent\n' > "$here/target/agent.mf"
  jar cfm "$here/target/heap-agent.jar" "$here/target/agent.mf" -C "$here/target/agent" .
fi
if ! command -v python3 >/dev/null; then
  echo "python3 is required" >&2
  exit 2
fi
exec python3 "$here/src/bench.py" --root "$root" "$@"
