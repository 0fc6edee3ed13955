# Helpers for scripts/bench: start nodes, run wrk, record rows. Sourced, not run.
out=bench/out
cp="node/target/agentmesh-node.jar:node/target/test-classes"
pids=()
rows=()
starts=()

cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }

start_node() { # name roles http-port prefer-local extra-env...
  local name=$1 roles=$2 port=$3 prefer=$4; shift 4
  local begin; begin=$(date +%s%N)
  env AGENTMESH_CLUSTER_NAME=$cluster AGENTMESH_HTTP_PORT=$port AGENTMESH_BUS_PREFER_LOCAL=$prefer \
    AGENTMESH_NODE_DATA_DIR=$out/data AGENTMESH_POSTGRES_EMBEDDED_PORT=25432 AGENTMESH_REDIS_EMBEDDED_PORT=26379 \
    "$@" java -Xmx512m ${AGENTMESH_JVM_FLAGS:-} ${NODE_JAVA_OPTS:-} -cp "$cp" io.agentmesh.node.Main --config "${BENCH_CONFIG:-bench/probe-role.json}" --roles "$roles" \
    >"$out/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 2400); do
    if grep -q "agentmesh node .* ready" "$out/$name.log"; then
      starts+=("| node $name ($roles) | $(( ($(date +%s%N) - begin) / 1000000 )) |")
      return 0
    fi
    sleep 0.05
  done
  echo "node $name did not start; see $out/$name.log" >&2; exit 1
}

# URLs of node A's embedded servers with the passwords it generated beside their data (once A has started).
pg_url() { echo "postgresql://postgres:$(cat "$out/data/postgres.password")@localhost:25432/postgres"; }
redis_url() { echo "redis://:$(cat "$out/data/redis.password")@127.0.0.1:26379"; }

to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; printf "%.2f", v}'; }

# CPU ticks (utime + stime) of the running nodes (JVMs of the node's main class or jar), summed
node_ticks() {
  local total=0 pid
  for pid in $(pgrep -f 'io.agentmesh.node.Main|agentmesh-node.jar' || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# measure LABEL URL [wrk args...]: runs wrk, prints and records req/s, p50, p99, and the nodes' CPU per request
measure() {
  local label=$1 url=$2; shift 2
  wrk -t2 -c"$conns" -d3s "$@" "$url" >/dev/null 2>&1 || true   # warm-up
  local before; before=$(node_ticks)
  local result; result=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$@" "$url")
  last_cpu_ticks=$(( $(node_ticks) - before ))
  record "$label" "$result"
}

record() {
  local label=$1 result=$2
  echo "$result" >"$out/$(echo "$label" | tr -c 'a-zA-Z0-9' '_').txt"
  last_rps=$(echo "$result" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  last_p50=$(echo "$result" | awk '$1=="50%" {print $2}' | to_ms)
  last_p99=$(echo "$result" | awk '$1=="99%" {print $2}' | to_ms)
  local requests; requests=$(echo "$result" | awk '/requests in/ {print $1}')
  # node CPU (all nodes of the run) per request, in microseconds; clock ticks are 1/100 s here
  local cpu_us="n/a"
  if [[ -n "${last_cpu_ticks:-}" && "${requests:-0}" -gt 0 ]]; then
    cpu_us=$(python3 -c "print(round($last_cpu_ticks * 1e6 / $(getconf CLK_TCK) / $requests, 1))")
  fi
  last_cpu_ticks=""
  local errors; errors=$(echo "$result" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
  rows+=("| $label | $last_rps | $last_p50 | $last_p99 | $cpu_us | ${errors:-none} |")
  echo "$label: $last_rps req/s, p50 $last_p50 ms, p99 $last_p99 ms, node CPU $cpu_us us/request ${errors}"
}

machine() {
  echo "$(nproc) cores ($(lscpu | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2; exit}')), $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), load generator on the same machine"
}

# write_section NAME TEXT: replaces <!-- NAME:start --> ... <!-- NAME:end --> in bench/RESULTS.md
write_section() {
  local name=$1 text=$2 results=bench/RESULTS.md
  [[ -f $results ]] || printf '# Benchmark results\n\nFigures from this machine; compare ratios within one run, not across runs.\n\n' >"$results"
  local block; block=$(printf '<!-- %s:start -->\n%s\n<!-- %s:end -->' "$name" "$text" "$name")
  if grep -q "<!-- $name:start -->" "$results"; then
    python3 - "$results" "$name" "$block" <<'PY'
import re, sys
path, name, block = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
text = re.sub(r"<!-- %s:start -->.*?<!-- %s:end -->" % (name, name), lambda m: block, text, flags=re.S)
open(path, "w").write(text)
PY
  else
    printf '\n%s\n' "$block" >>"$results"
  fi
}
