-- tools/call of agents_get in an established MCP session (BENCH_TOKEN, BENCH_SESSION, BENCH_AGENT).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["MCP-Session-Id"] = os.getenv("BENCH_SESSION")
wrk.headers["MCP-Protocol-Version"] = "2025-11-25"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"agents_get","arguments":{"id":"'
  .. os.getenv("BENCH_AGENT") .. '"}}}'
