package io.agentmesh.verticles.gateway.security;

import io.vertx.core.json.JsonObject;

/**
 * Limits per route class, counted cluster-wide per principal (per client address when anonymous) and decided in
 * memory from shares leased from Redis ({@link RateLimiter}).
 *
 * @param failOpen   what to do when a share is needed and Redis cannot be reached ({@code redis.on_down}): let
 *                   requests through (true) or answer 503 (false)
 * @param leaseShare the part of a limit a gateway leases at once ({@code rate_limit.lease_share})
 * @param leaseIdleMs after how long unused a gateway hands its share back ({@code rate_limit.lease_idle_ms})
 */
public record RateLimits(boolean enabled, boolean failOpen, Limit auth, Limit read, Limit write, double leaseShare,
                         long leaseIdleMs) {

  /** At most {@code limit} requests in each window of {@code windowSeconds}, windows aligned to Redis's clock. */
  public record Limit(String name, int limit, int windowSeconds) {
  }

  public static RateLimits fromConfig(JsonObject json, String onRedisDown) {
    return new RateLimits(
      json.getBoolean("enabled"),
      !"closed".equals(onRedisDown),
      new Limit("auth", json.getInteger("auth_limit"), json.getInteger("auth_window_seconds")),
      new Limit("read", json.getInteger("read_limit"), json.getInteger("read_window_seconds")),
      new Limit("write", json.getInteger("write_limit"), json.getInteger("write_window_seconds")),
      json.getDouble("lease_share"), json.getLong("lease_idle_ms"));
  }
}
