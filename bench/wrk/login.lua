-- POST /api/v1/session as the county supervisors made by gen_store, in
-- turn (successful logins are not throttled; failures would be after 5).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
wrk.headers["Authorization"] = nil
wrk.headers["Content-Type"] = "application/json"
local n = 0

function request()
	local logins = bench.data.logins
	n = n + 1
	return wrk.format("POST", "/api/v1/session", nil, string.format(
	    '{"login":"%s","password":"%s"}',
	    logins[(n + (tid or 0) * 7) % #logins + 1], bench.data.password))
end
