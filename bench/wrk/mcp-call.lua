-- tools/call of agents_get in an established MCP session (BENCH_TOKEN, BENCH_SESSION, BENCH_AGENT).
-- Each request has its own JSON-RPC id (MCP ids are unique per session; a repeated in-flight id is refused).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["MCP-Session-Id"] = os.getenv("BENCH_SESSION")
wrk.headers["MCP-Protocol-Version"] = "2025-11-25"

local agent = os.getenv("BENCH_AGENT")
local counter = 0
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("prefix", "t" .. thread_id .. "-")
end

function request()
  counter = counter + 1
  local body = '{"jsonrpc":"2.0","id":"' .. prefix .. counter .. '","method":"tools/call","params":{"name":"agents_get",'
    .. '"arguments":{"id":"' .. agent .. '"}}}'
  return wrk.format(nil, nil, nil, body)
end
