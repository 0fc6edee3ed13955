-- POST a message to one of BENCH_SESSIONS (comma-separated ids), chosen at random per request.
local sessions = {}
for id in string.gmatch(os.getenv("BENCH_SESSIONS"), "[^,]+") do
  table.insert(sessions, id)
end
local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")}
local body = '{"role":"user","content":"What is the weather like in Paris today, and should I take an umbrella?"}'
request = function()
  local session = sessions[math.random(#sessions)]
  return wrk.format("POST", "/api/v1/sessions/" .. session .. "/messages", headers, body)
end
