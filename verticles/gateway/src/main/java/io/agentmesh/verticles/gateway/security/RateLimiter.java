package io.agentmesh.verticles.gateway.security;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cluster-wide rate limits decided in memory. Each limit counts fixed windows aligned to Redis's clock; a gateway
 * leases a share of a window's budget from Redis (atomically, so the cluster never grants more than the limit) and
 * admits from its lease without a round trip, leasing the next share in the background before it runs out. A budget
 * left idle is handed back, so a client that moves between nodes is not refused while another node sits on its
 * share. A request waits for Redis only when its node holds no share of the caller's budget: the caller's first
 * request on this node after an idle spell, or a burst faster than one lease round trip.
 */
public final class RateLimiter {

  /** An admission decision with what the RateLimit headers say. */
  record Decision(boolean admitted, long remaining, long resetSeconds) {
  }

  /** KEYS: budget key prefix. ARGV: window ms, limit, tokens wanted. → granted, used in the window, ms left, window. */
  private static final String LEASE = """
    local t = redis.call('TIME')
    local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
    local window = tonumber(ARGV[1])
    local index = math.floor(now / window)
    local key = KEYS[1] .. ':' .. index
    local used = tonumber(redis.call('GET', key) or '0')
    local left = tonumber(ARGV[2]) - used
    -- shares shrink as the budget drains, so little of it sits unused on other nodes when it runs out
    local grant = math.min(tonumber(ARGV[3]), math.max(1, math.floor(left / 4)), left)
    if grant > 0 then
      used = redis.call('INCRBY', key, grant)
      redis.call('PEXPIRE', key, window * 2)
    else
      grant = 0
    end
    return {grant, used, (index + 1) * window - now, index}
    """;

  /** KEYS: budget key prefix. ARGV: window index, unused tokens handed back. */
  private static final String RETURN = """
    local key = KEYS[1] .. ':' .. ARGV[1]
    if redis.call('EXISTS', key) == 1 then redis.call('DECRBY', key, ARGV[2]) end
    return 1
    """;

  private final Redis redis;
  private final double leaseShare;
  private final long idleMs;
  private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
  private final ScriptRunner scripts;

  public RateLimiter(Vertx vertx, Redis redis, RateLimits limits) {
    this.redis = redis;
    this.leaseShare = limits.leaseShare();
    this.idleMs = limits.leaseIdleMs();
    this.scripts = new ScriptRunner(redis);
    vertx.setPeriodic(Math.max(50, idleMs / 2), timer -> handBackIdle());
  }

  /** Admits or refuses from this node's share; fails only when Redis is needed and cannot be reached. */
  Future<Decision> admit(RateLimits.Limit limit, String who) {
    String key = "rl:" + limit.name() + ":" + who;
    return takeOrLease(budgets.computeIfAbsent(key, k -> new Budget(k, limit, leaseSize(limit))));
  }

  private Future<Decision> takeOrLease(Budget budget) {
    Decision decision = budget.tryTake();
    if (decision != null) {
      if (decision.admitted() && budget.wantsPrefetch()) {
        lease(budget);
      }
      return Future.succeededFuture(decision);
    }
    // Several requests may wait on one lease that covers only some of them: the rest lease again.
    return lease(budget).compose(leased -> takeOrLease(budget));
  }

  private int leaseSize(RateLimits.Limit limit) {
    return (int) Math.max(1, Math.floor(limit.limit() * leaseShare));
  }

  private Future<Void> lease(Budget budget) {
    synchronized (budget) {
      if (budget.pending != null) {
        return budget.pending;
      }
      budget.pending = scripts.run(LEASE, budget.key, budget.limit.windowSeconds() * 1000L, budget.limit.limit(),
          budget.leaseSize)
        .map(reply -> {
          budget.granted(reply);
          return (Void) null;
        })
        .onComplete(done -> {
          synchronized (budget) {
            budget.pending = null;
          }
        });
      return budget.pending;
    }
  }

  private void handBackIdle() {
    long now = System.currentTimeMillis();
    budgets.values().removeIf(budget -> {
      synchronized (budget) {
        if (budget.pending != null || now - budget.lastUsedMs < idleMs) {
          return false;
        }
        if (budget.tokens > 0 && now < budget.windowEndMs) {
          scripts.run(RETURN, budget.key, budget.windowIndex, budget.tokens);
        }
        return true;
      }
    });
  }

  /** This node's share of one caller's budget for one limit. */
  private static final class Budget {

    private final String key;
    private final RateLimits.Limit limit;
    private final int leaseSize;
    private long windowIndex = -1;
    private long windowEndMs;
    private int tokens;
    private long usedInCluster;
    private boolean exhausted;
    private long lastUsedMs = System.currentTimeMillis();
    private Future<Void> pending;

    Budget(String key, RateLimits.Limit limit, int leaseSize) {
      this.key = key;
      this.limit = limit;
      this.leaseSize = leaseSize;
    }

    synchronized Decision tryTake() {
      long now = System.currentTimeMillis();
      lastUsedMs = now;
      if (now >= windowEndMs) {
        tokens = 0; // the window ended: its share is void, and the next one is leased fresh
        exhausted = false;
        return null;
      }
      if (tokens > 0) {
        tokens--;
        return new Decision(true, remaining(), resetSeconds(now));
      }
      return exhausted ? refusal() : null;
    }

    synchronized boolean wantsPrefetch() {
      return leaseSize > 1 && pending == null && !exhausted && tokens <= leaseSize / 2;
    }

    synchronized Decision refusal() {
      return new Decision(false, remaining(), resetSeconds(System.currentTimeMillis()));
    }

    synchronized void granted(Response reply) {
      long granted = reply.get(0).toLong();
      long index = reply.get(3).toLong();
      if (index != windowIndex) {
        windowIndex = index;
        tokens = 0;
      }
      tokens += (int) granted;
      usedInCluster = reply.get(1).toLong();
      windowEndMs = System.currentTimeMillis() + reply.get(2).toLong();
      exhausted = usedInCluster >= limit.limit();
    }

    /** What the cluster has not leased yet, and what this node holds: never more than the caller can still get. */
    private long remaining() {
      return Math.max(0, limit.limit() - usedInCluster) + tokens;
    }

    private long resetSeconds(long now) {
      return Math.max(1, (long) Math.ceil((windowEndMs - now) / 1000.0));
    }
  }

  /** Runs a Lua script by its SHA, loading it once (and again after Redis restarted and forgot it). */
  private static final class ScriptRunner {

    private final Redis redis;
    private final Map<String, String> shas = new ConcurrentHashMap<>();

    ScriptRunner(Redis redis) {
      this.redis = redis;
    }

    Future<Response> run(String script, String key, Object... args) {
      String sha = shas.get(script);
      if (sha == null) {
        return redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(script)).compose(loaded -> {
          shas.put(script, loaded.toString());
          return run(script, key, args);
        });
      }
      Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(1).arg(key);
      for (Object arg : args) {
        request.arg(String.valueOf(arg));
      }
      return redis.send(request).recover(failure -> {
        if (failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT")) {
          shas.remove(script);
          return run(script, key, args);
        }
        return Future.failedFuture(failure);
      });
    }
  }
}
