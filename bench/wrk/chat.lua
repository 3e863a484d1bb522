-- POSTs the body in $BENCH_BODY and prints one machine-readable line for bench/run.sh (latencies in microseconds).
local file = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
wrk.headers["Content-Type"] = "application/json"
file:close()

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("requests=%d errors=%d rps=%.1f p50_us=%d p99_us=%d\n",
    summary.requests, errors, summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99)))
end
