# Shared by bench/run.sh and bench/ab.sh (sourced, not run): building, starting and stopping the processes, and measuring load.
# Expects ROOT, BENCH, OUT, INSTALL, CLIENT, LATENCY_MS, CHUNKS and INTERVAL_MS to be set.

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
say() { echo "==> $*" >&2; }
fail() { echo "bench: $*" >&2; exit 1; }

PIDS=()
cleanup() { # stops every process this script started, by its id
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop() { # stops one process this script started
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

value() { # the value of key $2 in a "key=value ..." line $1
  tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"
}

free_port() { # a loopback port nothing listens on, below the ephemeral range so no outgoing connection can take it meanwhile
  local port low=32768
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  if [ "$low" -le 12000 ]; then low=32768; fi
  for _ in $(seq 1 50); do
    port=$((10000 + RANDOM % (low - 10000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  fail "no free loopback port found"
}

TICK_US=$((1000000 / $(getconf CLK_TCK)))
cpu_ticks() { # user + system CPU of a process so far, in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

choose_client() { # wrk when it is there or can be installed with apt-get, else the .NET client; sets CLIENT
  if [ -n "$CLIENT" ]; then return; fi
  if ! command -v wrk >/dev/null 2>&1 && [ "$INSTALL" = true ]; then
    say "wrk is missing; installing it with apt-get"
    local sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo -n"; fi
    timeout 300 $sudo apt-get install -y -qq wrk >/dev/null 2>&1 \
      || { timeout 300 $sudo apt-get update -qq >/dev/null 2>&1 && timeout 300 $sudo apt-get install -y -qq wrk >/dev/null 2>&1; } \
      || true
  fi
  if command -v wrk >/dev/null 2>&1; then CLIENT=wrk; else CLIENT=probe; fi
  if [ "$CLIENT" = probe ]; then
    say "wrk is not available: non-streaming load is measured with the .NET client (bench/StreamProbe load) instead"
  fi
}

GATEWAY=$ROOT/Gateway/bin/Release/net10.0/Gateway
UPSTREAM=$BENCH/LeanUpstream/bin/Release/net10.0/LeanUpstream
PROBE=$BENCH/StreamProbe/bin/Release/net10.0/StreamProbe
HOOK=$BENCH/StatsHook/bin/Release/net10.0/StatsHook.dll
FORWARDER=$BENCH/BareForwarder/bin/Release/net10.0/BareForwarder

build() { # Release builds of the given projects
  say "building Release: $*"
  local project
  for project in "$@"; do
    timeout 900 dotnet build "$project" -c Release -nologo -v q >"$OUT/build.log" 2>&1 \
      || { tail -n 30 "$OUT/build.log" >&2; fail "building $project failed"; }
  done
}

start_upstream() { # sets UP_PORT, UPSTREAM_PID and DIRECT, and writes the gateway's config pointing at the upstream
  UP_PORT=$(free_port)
  say "starting the lean upstream on 127.0.0.1:$UP_PORT (latency ${LATENCY_MS} ms, $CHUNKS stream events ${INTERVAL_MS} ms apart)"
  "$UPSTREAM" --port "$UP_PORT" --latency-ms "$LATENCY_MS" --chunks "$CHUNKS" --chunk-interval-ms "$INTERVAL_MS" >"$OUT/upstream.log" 2>&1 &
  UPSTREAM_PID=$!
  PIDS+=("$UPSTREAM_PID")
  timeout 40 "$PROBE" wait --url "http://127.0.0.1:$UP_PORT/v1/models" --timeout-s 30 --pid "$UPSTREAM_PID" || fail "the lean upstream did not start (see $OUT/upstream.log)"
  DIRECT=http://127.0.0.1:$UP_PORT/v1/chat/completions
  cat >"$OUT/config.yaml" <<EOF
llm:
  backend: "openai"
  openai:
    base_url: "http://127.0.0.1:$UP_PORT/v1"
    api_key: "bench-key"
    models:
      generator: "bench-model"
logging:
  # bench/ab.sh 'baseline' 'BENCH_LOG_LEVEL=warning' compares with and without the per-request completion line.
  level: "\${BENCH_LOG_LEVEL:-info}"
EOF
}

start_gateway() { # port [VAR=value ...]; sets GATEWAY_PID and THROUGH. Runs in bench/out so no .env of the repository is read.
  local port=$1
  shift
  (cd "$OUT" && exec env BENCH_STATS_SOCKET="$OUT/gateway.sock" DOTNET_STARTUP_HOOKS="$HOOK" "$@" \
    "$GATEWAY" --config "$OUT/config.yaml" --urls "http://127.0.0.1:$port") >"$OUT/gateway.log" 2>&1 &
  GATEWAY_PID=$!
  PIDS+=("$GATEWAY_PID")
  timeout 40 "$PROBE" wait --url "http://127.0.0.1:$port/health" --timeout-s 30 --pid "$GATEWAY_PID" || fail "the gateway did not start (see $OUT/gateway.log)"
  THROUGH=http://127.0.0.1:$port/v1/chat/completions
}

start_floor() { # port; sets FLOOR_PID and FLOOR: the bare forwarder in front of the same upstream, the floor for any ASP.NET Core gateway
  local port=$1
  "$FORWARDER" --port "$port" --upstream "http://127.0.0.1:$UP_PORT" >"$OUT/forwarder.log" 2>&1 &
  FLOOR_PID=$!
  PIDS+=("$FLOOR_PID")
  timeout 40 "$PROBE" wait --url "http://127.0.0.1:$port/health" --timeout-s 30 --pid "$FLOOR_PID" || fail "the bare forwarder did not start (see $OUT/forwarder.log)"
  FLOOR=http://127.0.0.1:$port/v1/chat/completions
}

measure_load() { # target url connections seconds: prints "requests=.. errors=.. rps=.. p50_us=.. p99_us=.. upstream_cpu_us=.. [gateway_cpu_us=..]"
  local target=$1 url=$2 connections=$3 seconds=$4 line threads=1 gateway_cpu=0 upstream_cpu requests proxy_pid=""
  if [ "$connections" -gt 1 ]; then threads=2; fi
  upstream_cpu=$(cpu_ticks "$UPSTREAM_PID")
  if [ "$target" = gateway ]; then proxy_pid=$GATEWAY_PID; elif [ "$target" = floor ]; then proxy_pid=$FLOOR_PID; fi
  if [ -n "$proxy_pid" ]; then gateway_cpu=$(cpu_ticks "$proxy_pid"); fi
  if [ "$CLIENT" = wrk ]; then
    line=$(BENCH_BODY="$BENCH/payloads/chat.json" timeout $((seconds + 30)) \
      wrk -t"$threads" -c"$connections" -d"$seconds"s --timeout 5s -s "$BENCH/wrk/chat.lua" "$url" | grep '^requests=' | tail -n 1) || true
  else
    line=$(timeout $((seconds + 60)) "$PROBE" load --url "$url" --body-file "$BENCH/payloads/chat.json" \
      --connections "$connections" --duration-s "$seconds") || true
  fi
  [ -n "$line" ] || fail "load against $target ($url) produced no result"
  requests=$(value "$line" requests)
  if [ "$requests" -gt 0 ]; then
    line+=" upstream_cpu_us=$((($(cpu_ticks "$UPSTREAM_PID") - upstream_cpu) * TICK_US / requests))"
    if [ -n "$proxy_pid" ]; then line+=" gateway_cpu_us=$((($(cpu_ticks "$proxy_pid") - gateway_cpu) * TICK_US / requests))"; fi
  fi
  echo "$line"
}
