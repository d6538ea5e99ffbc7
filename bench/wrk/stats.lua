-- GET /api/v1/stats?group=GROUP over every item, GROUP the first
-- argument after "--" (place:county, unit, ...).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

function bench.init(args)
	wrk.path = "/api/v1/stats?group=" .. bench.urlencode(args[1] or "unit")
end
