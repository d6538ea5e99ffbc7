-- A filtered, sorted list page: GET /api/v1/ledgers/{id}/items
-- ?state=实施&sort=deadline&limit=50 (the 2025 project ledger).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
wrk.path = "/api/v1/ledgers/" .. bench.data.ledger .. "/items?state=" ..
    bench.urlencode("实施") .. "&sort=deadline&limit=50"
