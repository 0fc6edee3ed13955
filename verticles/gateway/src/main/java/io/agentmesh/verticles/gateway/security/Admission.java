package io.agentmesh.verticles.gateway.security;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.auth.Revocations;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admits a request in one Redis round trip: is the access token revoked (its login ended, or every token of its user
 * issued before a time), and is the caller within the route's rate limit. The limit is a sliding window kept by an
 * atomic script with the timestamps of the requests admitted in the last window, so no window ever admits more than
 * the limit, whichever nodes the requests reach; Redis's own clock is used, so skewed nodes agree. Limited responses
 * carry RateLimit-Policy and RateLimit (IETF draft); a refusal is 429 with Retry-After.
 */
public final class Admission {

  private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

  /** KEYS: rate key, login revocation key, user revocation key ('' when absent). ARGV: window ms, limit, member, iat
   * ms. */
  private static final String SCRIPT = """
    if KEYS[2] ~= '' and redis.call('EXISTS', KEYS[2]) == 1 then return {0, 0, 0, 1} end
    if KEYS[3] ~= '' then
      local before = redis.call('GET', KEYS[3])
      if before and tonumber(before) >= tonumber(ARGV[4]) then return {0, 0, 0, 1} end
    end
    local limit = tonumber(ARGV[2])
    if limit <= 0 then return {1, -1, 0, 0} end
    local t = redis.call('TIME')
    local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
    local window = tonumber(ARGV[1])
    redis.call('ZREMRANGEBYSCORE', KEYS[1], 0, now - window)
    local count = redis.call('ZCARD', KEYS[1])
    local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    local reset = window
    if oldest[2] then reset = tonumber(oldest[2]) + window - now end
    if count < limit then
      redis.call('ZADD', KEYS[1], now, ARGV[3])
      redis.call('PEXPIRE', KEYS[1], window)
      return {1, limit - count - 1, reset, 0}
    end
    return {0, 0, reset, 0}
    """;

  private final Redis redis;
  private final RateLimits limits;
  private final String memberPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong());
  private final AtomicLong sequence = new AtomicLong();
  private String sha;

  public Admission(Redis redis, RateLimits limits) {
    this.redis = redis;
    this.limits = limits;
  }

  /** Admits the request, or fails it with 401 (revoked), 429 (limited) or 503 (Redis down, fail-closed). */
  Future<Void> admit(RoutingContext ctx, Caller caller, RateLimits.Limit limit, String who) {
    boolean limited = limits.enabled() && limit != null;
    if (!limited && !caller.needsRevocationCheck()) {
      return Future.succeededFuture();
    }
    return evaluate(caller, limited ? limit : null, who).transform(done -> {
      if (done.failed()) {
        LOG.warn("Admission not checked ({}): {}", limits.failOpen() ? "letting through" : "refusing",
          done.cause().getMessage());
        return limits.failOpen() ? Future.succeededFuture() : Future.failedFuture(DomainException.retryLater(
          ErrorCode.UNAVAILABLE, "Credentials and rate limits cannot be checked right now.", 5));
      }
      Response result = done.result();
      if (result.get(3).toInteger() == 1) {
        return Future.failedFuture(new DomainException(ErrorCode.UNAUTHENTICATED,
          "The access token has been revoked."));
      }
      if (!limited) {
        return Future.succeededFuture();
      }
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

  private Future<Response> evaluate(Caller caller, RateLimits.Limit limit, String who) {
    if (sha == null) {
      return redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(SCRIPT)).compose(loaded -> {
        sha = loaded.toString();
        return evaluate(caller, limit, who);
      });
    }
    boolean token = caller.needsRevocationCheck();
    Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(3)
      .arg(limit == null ? "" : "rl:" + limit.name() + ":" + who)
      .arg(token ? Revocations.login(caller.principal().credentialId()) : "")
      .arg(token ? Revocations.userBefore(caller.principal().userId()) : "")
      .arg(limit == null ? 0 : limit.windowSeconds() * 1000L)
      .arg(limit == null ? 0 : limit.limit())
      .arg(memberPrefix + sequence.incrementAndGet())
      .arg(token ? caller.issuedAtMs() : -1);
    return redis.send(request).recover(failure -> {
      if (failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT")) {
        sha = null; // Redis restarted and forgot the script
        return evaluate(caller, limit, who);
      }
      return Future.failedFuture(failure);
    });
  }
}
