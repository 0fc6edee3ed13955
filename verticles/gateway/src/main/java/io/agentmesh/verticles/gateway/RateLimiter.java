package io.agentmesh.verticles.gateway;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * A cluster-wide sliding-window limit in Redis: one atomic script per request keeps the timestamps of the requests
 * admitted in the last window, so no window ever admits more than the limit, whichever nodes the requests reach.
 * Redis's own clock is used, so nodes with skewed clocks agree. Limited responses carry RateLimit-Policy and
 * RateLimit (IETF draft), a refusal is 429 with Retry-After.
 */
final class RateLimiter {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

  private static final String SCRIPT = """
    local t = redis.call('TIME')
    local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
    local window = tonumber(ARGV[1])
    local limit = tonumber(ARGV[2])
    redis.call('ZREMRANGEBYSCORE', KEYS[1], 0, now - window)
    local count = redis.call('ZCARD', KEYS[1])
    local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    local reset = window
    if oldest[2] then reset = tonumber(oldest[2]) + window - now end
    if count < limit then
      redis.call('ZADD', KEYS[1], now, ARGV[3])
      redis.call('PEXPIRE', KEYS[1], window)
      return {1, limit - count - 1, reset}
    end
    return {0, 0, reset}
    """;

  private final Redis redis;
  private final RateLimits limits;
  private String sha;

  RateLimiter(Redis redis, RateLimits limits) {
    this.redis = redis;
    this.limits = limits;
  }

  /** Admits the request or fails it with 429 (or 503 when Redis is down and the policy is fail-closed). */
  Future<Void> admit(RoutingContext ctx, RateLimits.Limit limit, String who) {
    if (!limits.enabled() || limit == null) {
      return Future.succeededFuture();
    }
    String key = "rl:" + limit.name() + ":" + who;
    return evaluate(key, limit).transform(done -> {
      if (done.failed()) {
        LOG.warn("Rate limit not checked ({}): {}", limits.failOpen() ? "letting through" : "refusing",
          done.cause().getMessage());
        return limits.failOpen() ? Future.succeededFuture() : Future.failedFuture(DomainException.retryLater(
          ErrorCode.UNAVAILABLE, "Rate limits cannot be checked right now.", 5));
      }
      Response result = done.result();
      long resetSeconds = (long) Math.ceil(Math.max(0, result.get(2).toLong()) / 1000.0);
      ctx.response().putHeader("RateLimit-Policy", "\"" + limit.name() + "\";q=" + limit.limit() + ";w="
        + limit.windowSeconds());
      ctx.response().putHeader("RateLimit", "\"" + limit.name() + "\";r=" + result.get(1).toLong() + ";t="
        + resetSeconds);
      return result.get(0).toInteger() == 1 ? Future.succeededFuture()
        : Future.failedFuture(DomainException.retryLater(ErrorCode.RATE_LIMITED,
          "Too many requests; slow down.", (int) Math.max(1, resetSeconds)));
    });
  }

  private Future<Response> evaluate(String key, RateLimits.Limit limit) {
    String member = UUID.randomUUID().toString();
    if (sha == null) {
      return redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(SCRIPT))
        .compose(loaded -> {
          sha = loaded.toString();
          return evaluate(key, limit);
        });
    }
    return redis.send(Request.cmd(Command.EVALSHA).arg(sha).arg(1).arg(key)
        .arg(limit.windowSeconds() * 1000L).arg(limit.limit()).arg(member))
      .recover(failure -> {
        if (failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT")) {
          sha = null; // Redis restarted and forgot the script
          return evaluate(key, limit);
        }
        return Future.failedFuture(failure);
      });
  }
}
