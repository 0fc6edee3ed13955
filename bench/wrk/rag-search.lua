-- POST /api/v1/collections/{id}/search (BENCH_TOKEN, BENCH_COLLECTION), hybrid. BENCH_DISTINCT queries cycled
-- (each thread walks the same set); 0: every request a query never sent before (each one embedded).
wrk.method = "POST"
wrk.path = "/api/v1/collections/" .. os.getenv("BENCH_COLLECTION") .. "/search"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")

local distinct = tonumber(os.getenv("BENCH_DISTINCT") or "0")
local words = {"index", "lease", "cluster", "token", "stream", "search", "vector", "chunk", "retry", "cache",
  "session", "agent", "tool", "event", "queue", "worker", "schema", "config", "gateway", "failure"}
local counter = 0
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("prefix", "t" .. thread_id)
end

function request()
  counter = counter + 1
  local n = counter
  local tag = prefix .. "-" .. counter
  if distinct > 0 then
    n = counter % distinct
    tag = "q" .. n
  end
  local query = words[n % 20 + 1] .. " " .. words[math.floor(n / 20) % 20 + 1] .. " " .. tag
  return wrk.format(nil, nil, nil, '{"query":"' .. query .. '","mode":"hybrid","top_k":10}')
end
