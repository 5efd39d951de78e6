-- wrk script of tests/bench/run-wrk.sh: prints the exact totals on one line instead of wrk's rounded text.
-- RESULT <requests> <bytes> <duration µs> <socket errors> <non-2xx/3xx responses>
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.0f %.0f %.0f %d %d\n", summary.requests, summary.bytes, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status))
end
