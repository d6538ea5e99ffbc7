-- GET /api/v1/places?q=NAME&within=PROVINCE: the core names of 200
-- villages spread over the province (新源, 中市 ...), in turn.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local n = 0

function request()
	local names = bench.data.names
	n = n + 1
	return wrk.format("GET", "/api/v1/places?q=" ..
	    bench.urlencode(names[(n + (tid or 0) * 31) % #names + 1]) ..
	    "&within=" .. (os.getenv("BENCH_PROVINCE") or "14"))
end
