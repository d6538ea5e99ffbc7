-- Shared by the wrk scripts of bench/run.sh: the data written by
-- bench/gen_store ($BENCH_WRK_DATA), the API token ($BENCH_TOKEN) in an
-- Authorization header, a seed per thread, and one closing line that
-- run.sh reads:
--   BENCH requests=N seconds=S rps=R p50_ms=.. p90_ms=.. p99_ms=.. max_ms=..
--         non2xx=N errors=N
-- Each script sets request() (or wrk.path) and may use bench.data,
-- bench.pick(list), bench.urlencode(s).
bench = {}
bench.data = dofile(os.getenv("BENCH_WRK_DATA"))
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
	wrk.headers["Authorization"] = "Bearer " .. token
end

local threads = {}
local nthreads = 0

function setup(thread)
	nthreads = nthreads + 1
	thread:set("tid", nthreads)
	table.insert(threads, thread)
end

function init(args)
	bench.args = args
	math.randomseed(20251123 + (tid or 0) * 7919)
	if bench.init then
		bench.init(args)
	end
end

function bench.pick(list)
	return list[math.random(#list)]
end

function bench.urlencode(s)
	return (string.gsub(s, "[^%w%-%._~]", function(c)
		return string.format("%%%02X", string.byte(c))
	end))
end

function done(summary, latency, requests)
	local e = summary.errors
	local secs = summary.duration / 1e6
	io.write(string.format("BENCH requests=%d seconds=%.3f rps=%.1f " ..
	    "p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d " ..
	    "errors=%d\n", summary.requests, secs, summary.requests / secs,
	    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
	    latency:percentile(99) / 1000, latency.max / 1000, e.status,
	    e.connect + e.read + e.write + e.timeout))
end
