-- POST /api/v1/ledgers/{id}/items: a project at a village of the
-- county, led by one of its departments; every write durable.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
wrk.headers["Content-Type"] = "application/json"
local cats = { "产业类", "基础设施类", "生活条件改善类", "公共服务类" }
local n = 0

function request()
	n = n + 1
	local m = math.random(12)
	local body = string.format('{"title":"基准新增项目%d-%d",' ..
	    '"category":"%s","places":["%s"],"lead_unit_id":%d,' ..
	    '"amount":"%d.%02d","start":"2025-%02d-01",' ..
	    '"deadline":"2026-%02d-28","progress":%d}', tid or 0, n,
	    bench.pick(cats), bench.pick(bench.data.villages),
	    bench.data.lead_unit, math.random(10000, 5000000),
	    math.random(0, 99), m, m, math.random(0, 100))
	return wrk.format("POST", "/api/v1/ledgers/" .. bench.data.ledger ..
	    "/items", nil, body)
end
