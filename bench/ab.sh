#!/usr/bin/env bash
# Compares gateway runtime settings, interleaved so a busy machine's noise falls on every variant alike:
#
#   bench/ab.sh [--rounds N] [--duration S] [--warmup S] [--client wrk|probe] 'baseline' 'DOTNET_gcServer=1' 'DOTNET_TieredPGO=0 DOTNET_X=1'
#
# Each argument is one variant: environment variables for the gateway process ('baseline' or '' for none). Every round restarts the
# gateway once per variant, warms it up, and measures non-streaming load at 32 and at 1 connection(s), plus the direct path once as
# the reference. Prints medians per variant. Needs the Release builds bench/run.sh makes (builds them when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/bench
OUT=$BENCH/out/ab
ROUNDS=5 DURATION=5 WARMUP=3 CLIENT="" INSTALL=true LATENCY_MS=0 CHUNKS=50 INTERVAL_MS=5
VARIANTS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --client) CLIENT=$2; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) VARIANTS+=("$1") ;;
  esac
  shift
done
[ "${#VARIANTS[@]}" -gt 0 ] || { echo "bench/ab.sh: name at least one variant (see --help)" >&2; exit 2; }

mkdir -p "$OUT"
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
choose_client
[ -x "$GATEWAY" ] && [ -x "$UPSTREAM" ] && [ -x "$PROBE" ] && [ -f "$HOOK" ] \
  || build Gateway/Gateway.csproj bench/LeanUpstream/LeanUpstream.csproj bench/StreamProbe/StreamProbe.csproj bench/StatsHook/StatsHook.csproj

RESULTS=$OUT/results.tsv
: >"$RESULTS"
start_upstream
GW_PORT=$(free_port)
for round in $(seq 1 "$ROUNDS"); do
  line=$(measure_load direct "$DIRECT" 32 "$DURATION")
  say "round $round direct c32: $line"
  printf '%s\tdirect\tc32\t%s\n' "$round" "$line" >>"$RESULTS"
  for index in "${!VARIANTS[@]}"; do
    variant=${VARIANTS[$index]}
    read -r -a env_vars <<<"${variant/baseline/}"
    start_gateway "$GW_PORT" "${env_vars[@]}"
    measure_load gateway "$THROUGH" 32 "$WARMUP" >/dev/null
    for connections in 32 1; do
      line=$(measure_load gateway "$THROUGH" "$connections" "$DURATION")
      say "round $round [$variant] c$connections: $line"
      printf '%s\t%s\tc%s\t%s\n' "$round" "$index" "$connections" "$line" >>"$RESULTS"
    done
    stop "$GATEWAY_PID"
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else print v[int((NR + 1) / 2)] }'; }
column_of() { # variant scenario key
  awk -F'\t' -v v="$1" -v s="$2" '$2 == v && $3 == s { print $4 }' "$RESULTS" | tr ' ' '\n' | sed -n "s/^$3=//p" | median
}
echo
echo "| variant | rps at 32 connections | p50 at 1 connection (µs) | p99 at 1 connection (µs) | gateway CPU per request at 32 (µs) |"
echo "|---|---:|---:|---:|---:|"
echo "| direct (reference) | $(column_of direct c32 rps) | — | — | — |"
for index in "${!VARIANTS[@]}"; do
  echo "| ${VARIANTS[$index]:-baseline} | $(column_of "$index" c32 rps) | $(column_of "$index" c1 p50_us) | $(column_of "$index" c1 p99_us) | $(column_of "$index" c32 gateway_cpu_us) |"
done
