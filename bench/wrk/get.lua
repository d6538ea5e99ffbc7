-- GET /api/v1/items/{id}, ids uniformly at random over the store.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

function request()
	return wrk.format("GET", "/api/v1/items/" ..
	    math.random(bench.data.max_item))
end
