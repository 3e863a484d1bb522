#!/usr/bin/env bash
# The gateway's benchmark: direct-to-upstream against through-the-gateway, side by side in one run, on loopback.
#
#   bench/run.sh                 full run (about 4 minutes): medians of 5 rounds, the 100k-request soak, 5 cold starts
#   bench/run.sh --smoke         seconds-long run that proves the pipeline works; judges no timing (CI runs this)
#
# Options: --rounds N, --duration S (seconds per load measurement), --soak N (requests), --latency-ms MS (upstream latency),
#          --client wrk|probe (force the load generator), --no-install (never apt-get wrk).
# It builds Release, starts bench/LeanUpstream and the gateway as separate processes on 127.0.0.1, measures with wrk (installed
# with apt-get when missing; bench/StreamProbe otherwise) and bench/StreamProbe, prints a markdown table and saves it in
# bench/out/latest.md. Every step is bounded by `timeout`; every process it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/bench
OUT=$BENCH/out

SMOKE=false ROUNDS=5 DURATION=5 WARMUP=5 STREAM_REQUESTS=20 SOAK=100000 COLD_ROUNDS=5
LATENCY_MS=0 CHUNKS=50 INTERVAL_MS=5 CLIENT="" INSTALL=true
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=true ROUNDS=1 DURATION=1 WARMUP=1 STREAM_REQUESTS=2 SOAK=2000 COLD_ROUNDS=1 ;;
    --rounds) ROUNDS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --soak) SOAK=$2; shift ;;
    --latency-ms) LATENCY_MS=$2; shift ;;
    --client) CLIENT=$2; shift ;;
    --no-install) INSTALL=false ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "bench: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
say() { echo "==> $*" >&2; }
fail() { echo "bench: $*" >&2; exit 1; }

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

stop() { # stops one process this script started
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

free_port() { # a loopback port nothing listens on
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  fail "no free loopback port found"
}

# --- the load generator -------------------------------------------------------------------------------------------------------
if [ -z "$CLIENT" ]; then
  if ! command -v wrk >/dev/null 2>&1 && [ "$INSTALL" = true ]; then
    say "wrk is missing; installing it with apt-get"
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo -n"; fi
    timeout 300 $sudo apt-get install -y -qq wrk >/dev/null 2>&1 \
      || { timeout 300 $sudo apt-get update -qq >/dev/null 2>&1 && timeout 300 $sudo apt-get install -y -qq wrk >/dev/null 2>&1; } \
      || true
  fi
  if command -v wrk >/dev/null 2>&1; then CLIENT=wrk; else CLIENT=probe; fi
fi
if [ "$CLIENT" = probe ]; then
  say "wrk is not available: non-streaming load is measured with the .NET client (bench/StreamProbe load) instead"
fi

# --- build ----------------------------------------------------------------------------------------------------------------------
say "building Release: gateway, lean upstream, probe, stats hook"
for project in Gateway/Gateway.csproj bench/LeanUpstream/LeanUpstream.csproj bench/StreamProbe/StreamProbe.csproj bench/StatsHook/StatsHook.csproj; do
  timeout 900 dotnet build "$project" -c Release -nologo -v q -clp:ErrorsOnly -clp:NoSummary >&2 || fail "building $project failed"
done
GATEWAY=$ROOT/Gateway/bin/Release/net10.0/Gateway
UPSTREAM=$BENCH/LeanUpstream/bin/Release/net10.0/LeanUpstream
PROBE=$BENCH/StreamProbe/bin/Release/net10.0/StreamProbe
HOOK=$BENCH/StatsHook/bin/Release/net10.0/StatsHook.dll

mkdir -p "$OUT"
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
UP_PORT=$(free_port)
say "starting the lean upstream on 127.0.0.1:$UP_PORT (latency ${LATENCY_MS} ms, $CHUNKS stream events ${INTERVAL_MS} ms apart)"
"$UPSTREAM" --port "$UP_PORT" --latency-ms "$LATENCY_MS" --chunks "$CHUNKS" --chunk-interval-ms "$INTERVAL_MS" >"$OUT/upstream.log" 2>&1 &
PIDS+=($!)
timeout 40 "$PROBE" wait --url "http://127.0.0.1:$UP_PORT/v1/models" --timeout-s 30 || fail "the lean upstream did not start (see $OUT/upstream.log)"

cat >"$OUT/config.yaml" <<EOF
llm:
  backend: "openai"
  openai:
    base_url: "http://127.0.0.1:$UP_PORT/v1"
    api_key: "bench-key"
    models:
      generator: "bench-model"
EOF

start_gateway() { # port; sets GATEWAY_PID. Runs in bench/out so no .env of the repository is read.
  (cd "$OUT" && exec env BENCH_STATS_SOCKET="$OUT/gateway.sock" DOTNET_STARTUP_HOOKS="$HOOK" \
    "$GATEWAY" --config "$OUT/config.yaml" --urls "http://127.0.0.1:$1") >"$OUT/gateway.log" 2>&1 &
  GATEWAY_PID=$!
  PIDS+=("$GATEWAY_PID")
  timeout 40 "$PROBE" wait --url "http://127.0.0.1:$1/health" --timeout-s 30 || fail "the gateway did not start (see $OUT/gateway.log)"
}

GW_PORT=$(free_port)
say "starting the gateway (Release) on 127.0.0.1:$GW_PORT"
start_gateway "$GW_PORT"

DIRECT=http://127.0.0.1:$UP_PORT/v1/chat/completions
THROUGH=http://127.0.0.1:$GW_PORT/v1/chat/completions
url_of() { if [ "$1" = direct ]; then echo "$DIRECT"; else echo "$THROUGH"; fi; }

load() { # scenario target connections seconds
  local url line threads=1
  url=$(url_of "$2")
  if [ "$3" -gt 1 ]; then threads=2; fi
  if [ "$CLIENT" = wrk ]; then
    line=$(BENCH_BODY="$BENCH/payloads/chat.json" timeout $(($4 + 30)) \
      wrk -t"$threads" -c"$3" -d"$4"s --timeout 5s -s "$BENCH/wrk/chat.lua" "$url" | grep '^requests=' | tail -n 1) || true
  else
    line=$(timeout $(($4 + 60)) "$PROBE" load --url "$url" --body-file "$BENCH/payloads/chat.json" --connections "$3" --duration-s "$4") || true
  fi
  [ -n "$line" ] || fail "the $1 load against $2 produced no result"
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

# --- measure --------------------------------------------------------------------------------------------------------------------
say "warming up (${WARMUP} s each)"
load warmup direct 32 "$WARMUP"
load warmup gateway 32 "$WARMUP"

for ROUND in $(seq 1 "$ROUNDS"); do
  if [ $((ROUND % 2)) -eq 1 ]; then order="direct gateway"; else order="gateway direct"; fi
  for target in $order; do load c1 "$target" 1 "$DURATION"; done
  for target in $order; do load c32 "$target" 32 "$DURATION"; done
  for target in $order; do stream "$target" "$STREAM_REQUESTS"; done
done
stop "$GATEWAY_PID"

ROUND=1
HALF=$((SOAK / 2))
say "soak: a fresh gateway, $SOAK requests at 32 connections, counters read after each half"
start_gateway "$GW_PORT"
stats() { timeout 10 "$PROBE" stats --socket "$OUT/gateway.sock" || fail "the gateway's counters could not be read"; }
value() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }
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

# --- report ---------------------------------------------------------------------------------------------------------------------
settings="load generator $CLIENT; $ROUNDS round(s) of ${DURATION} s per non-streaming measurement (1 connection; 32 connections);"
settings+=" $STREAM_REQUESTS streamed answers per round of $CHUNKS events ${INTERVAL_MS} ms apart; upstream latency ${LATENCY_MS} ms;"
settings+=" soak $SOAK requests; $COLD_ROUNDS cold start(s)"
echo
timeout 60 "$PROBE" report --results "$RESULTS" --smoke "$SMOKE" --expect-events "$CHUNKS" --settings "$settings" --out "$OUT/latest.md"
