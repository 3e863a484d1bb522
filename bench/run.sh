#!/usr/bin/env bash
# The gateway's benchmark: direct-to-upstream against through-the-gateway, side by side in one run, on loopback.
#
#   bench/run.sh                 full run (about 7 minutes): medians of 5 rounds, the 100k-request soak, 5 cold starts
#   bench/run.sh --smoke         seconds-long run that proves the pipeline works; judges no timing (CI runs this)
#
# Options: --rounds N, --duration S (seconds per load measurement), --soak N (requests), --latency-ms MS (upstream latency),
#          --client wrk|probe (force the load generator), --no-install (never apt-get wrk),
#          --warmup S (load on the gateway before measuring, default 20: tiered compilation needs that long on a busy machine),
#          --micro (also run the BenchmarkDotNet micro-benchmarks of the hot paths, a few minutes more; smoke runs each once),
#          --nice (run every process at nice -10, where allowed, so a busy shared machine disturbs the measurement less).
# It builds Release, starts bench/LeanUpstream, the gateway and bench/BareForwarder (the floor: Kestrel and one HttpClient, nothing
# else) as separate processes on 127.0.0.1, measures with wrk (installed
# with apt-get when missing; bench/StreamProbe otherwise) and bench/StreamProbe, prints a markdown table and saves it in
# bench/out/latest.md. Every step is bounded by `timeout`; every process it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/bench
OUT=$BENCH/out

SMOKE=false ROUNDS=5 DURATION=5 WARMUP=20 STREAM_REQUESTS=30 STREAM_WARMUP=20 SOAK=100000 COLD_ROUNDS=5
LATENCY_MS=0 CHUNKS=50 INTERVAL_MS=5 CLIENT="" INSTALL=true MICRO=false NICE=false
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=true ROUNDS=1 DURATION=1 WARMUP=2 STREAM_REQUESTS=2 STREAM_WARMUP=1 SOAK=2000 COLD_ROUNDS=1 MICRO=true ;;
    --rounds) ROUNDS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --soak) SOAK=$2; shift ;;
    --latency-ms) LATENCY_MS=$2; shift ;;
    --client) CLIENT=$2; shift ;;
    --no-install) INSTALL=false ;;
    --warmup) WARMUP=$2; shift ;;
    --micro) MICRO=true ;;
    --nice) NICE=true ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "bench: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

mkdir -p "$OUT"
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"

if [ "$NICE" = true ]; then
  renice -n -10 -p $$ >/dev/null 2>&1 && say "running at nice -10" || say "--nice: not allowed to raise the priority here; running as is"
fi
choose_client
projects=(Gateway/Gateway.csproj bench/LeanUpstream/LeanUpstream.csproj bench/StreamProbe/StreamProbe.csproj bench/StatsHook/StatsHook.csproj
  bench/BareForwarder/BareForwarder.csproj)
if [ "$MICRO" = true ]; then projects+=(bench/Gateway.Benchmarks/Gateway.Benchmarks.csproj); fi
build "${projects[@]}"

RESULTS=$OUT/results.tsv
: >"$RESULTS"
ROUND=0

record() { # scenario target "key=value ..."
  local kv
  for kv in $3; do
    printf '%s\t%s\t%s\t%s\t%s\n' "$ROUND" "$1" "$2" "${kv%%=*}" "${kv#*=}" >>"$RESULTS"
  done
}

# --- processes ------------------------------------------------------------------------------------------------------------------
start_upstream
GW_PORT=$(free_port)
say "starting the gateway (Release) on 127.0.0.1:$GW_PORT"
start_gateway "$GW_PORT"
start_floor "$(free_port)"
url_of() { case "$1" in direct) echo "$DIRECT" ;; floor) echo "$FLOOR" ;; *) echo "$THROUGH" ;; esac; }

load() { # scenario target connections seconds
  local line
  line=$(measure_load "$2" "$(url_of "$2")" "$3" "$4")
  [ "$1" = warmup ] || record "$1" "$2" "$line"
  say "round $ROUND $1 $2: $line"
}

stream() { # target requests
  local line
  line=$(timeout 300 "$PROBE" stream --url "$(url_of "$1")" --body-file "$BENCH/payloads/chat-stream.json" \
    --requests "$2" --warmup 2 --expect-events "$CHUNKS" --interval-ms "$INTERVAL_MS") || fail "the stream probe against $1 failed"
  record stream "$1" "$line"
  say "round $ROUND stream $1: $line"
}

warm_streams() { # target: streamed answers through it, 8 at a time, so its per-answer code is compiled at full speed before timing
  local pids=() i
  for i in $(seq 1 8); do
    timeout 300 "$PROBE" stream --url "$(url_of "$1")" --body-file "$BENCH/payloads/chat-stream.json" --requests "$STREAM_WARMUP" \
      --warmup 0 --expect-events "$CHUNKS" --interval-ms "$INTERVAL_MS" >/dev/null &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || fail "warming up streams through $1 failed"; done
}

# --- measure --------------------------------------------------------------------------------------------------------------------
# The gateway's first seconds under load are recorded apart (tiered compilation is still at work), then it is warmed up.
say "warming up: direct 3 s; gateway ${WARMUP} s, of which the first $((WARMUP < 5 ? WARMUP : 5)) s are recorded as its first seconds"
load warmup direct 32 3
load warmup floor 32 "$WARMUP"
load first gateway 32 $((WARMUP < 5 ? WARMUP : 5))
if [ "$WARMUP" -gt 5 ]; then load warmup gateway 32 $((WARMUP - 5)); fi
# A streamed answer runs code a plain one does not; it runs once per answer, so it needs answers, not time, to be compiled fully.
say "warming up streams: $((8 * STREAM_WARMUP)) streamed answers through the gateway and through the forwarder"
warm_streams gateway
warm_streams floor

for ROUND in $(seq 1 "$ROUNDS"); do
  if [ $((ROUND % 2)) -eq 1 ]; then order="direct gateway floor"; else order="floor gateway direct"; fi
  for target in $order; do load c1 "$target" 1 "$DURATION"; done
  for target in $order; do load c32 "$target" 32 "$DURATION"; done
  for target in $order; do stream "$target" "$STREAM_REQUESTS"; done
done
stop "$GATEWAY_PID"
stop "$FLOOR_PID"

ROUND=1
HALF=$((SOAK / 2))
say "soak: a fresh gateway, $SOAK requests at 32 connections, counters read after each half"
start_gateway "$GW_PORT"
stats() { timeout 10 "$PROBE" stats --socket "$OUT/gateway.sock" || fail "the gateway's counters could not be read"; }
first=$(timeout 600 "$PROBE" load --url "$THROUGH" --body-file "$BENCH/payloads/chat.json" --connections 32 --requests "$HALF") || fail "soak failed"
at_half=$(stats)
second=$(timeout 600 "$PROBE" load --url "$THROUGH" --body-file "$BENCH/payloads/chat.json" --connections 32 --requests "$HALF") || fail "soak failed"
at_end=$(stats)
say "soak halves: $first | $second"
say "counters: $at_half | $at_end"
record soak gateway "requests=$(($(value "$first" requests) + $(value "$second" requests)))"
record soak gateway "errors=$(($(value "$first" errors) + $(value "$second" errors)))"
record soak gateway "rss_half_kb=$(value "$at_half" rss_kb) rss_end_kb=$(value "$at_end" rss_kb) hwm_kb=$(value "$at_end" hwm_kb)"
record soak gateway "alloc_per_req_bytes=$((($(value "$at_end" allocated_bytes) - $(value "$at_half" allocated_bytes)) / HALF))"
record soak gateway "gen0_second_half=$(($(value "$at_end" gen0) - $(value "$at_half" gen0))) gen2_second_half=$(($(value "$at_end" gen2) - $(value "$at_half" gen2)))"
stop "$GATEWAY_PID"

say "cold start: $COLD_ROUNDS fresh gateway processes, each timed from process start to its first chat completion"
CS_PORT=$(free_port)
for ROUND in $(seq 1 "$COLD_ROUNDS"); do
  line=$(cd "$OUT" && timeout 60 "$PROBE" coldstart --exe "$GATEWAY" --args "--config $OUT/config.yaml --urls http://127.0.0.1:$CS_PORT" \
    --url "http://127.0.0.1:$CS_PORT/v1/chat/completions" --body-file "$BENCH/payloads/chat.json" --timeout-s 30) || fail "cold start failed"
  record coldstart gateway "$line"
  say "round $ROUND cold start: $line"
done

# --- micro-benchmarks ---------------------------------------------------------------------------------------------------------
if [ "$MICRO" = true ]; then
  job=short
  if [ "$SMOKE" = true ]; then job=Dry; fi
  say "micro-benchmarks of the hot paths (BenchmarkDotNet, job $job, in process)"
  rm -rf "$OUT/micro"
  (cd "$OUT" && timeout 1800 dotnet "$BENCH/Gateway.Benchmarks/bin/Release/net10.0/Gateway.Benchmarks.dll" \
    --filter '*' --job "$job" --inProcess --artifacts "$OUT/micro" >"$OUT/micro.log" 2>&1) || fail "the micro-benchmarks failed (see $OUT/micro.log)"
  cat "$OUT"/micro/results/*-report-github.md >"$OUT/micro.md" 2>/dev/null || fail "the micro-benchmarks wrote no report (see $OUT/micro.log)"
  [ "$SMOKE" = true ] || cat "$OUT/micro.md"
fi

# --- report ---------------------------------------------------------------------------------------------------------------------
settings="load generator $CLIENT; $ROUNDS round(s) of ${DURATION} s per non-streaming measurement (1 connection; 32 connections);"
settings+=" $STREAM_REQUESTS streamed answers per round of $CHUNKS events ${INTERVAL_MS} ms apart; upstream latency ${LATENCY_MS} ms;"
settings+=" soak $SOAK requests; $COLD_ROUNDS cold start(s)"
echo
timeout 60 "$PROBE" report --results "$RESULTS" --smoke "$SMOKE" --expect-events "$CHUNKS" --settings "$settings" --out "$OUT/latest.md"
