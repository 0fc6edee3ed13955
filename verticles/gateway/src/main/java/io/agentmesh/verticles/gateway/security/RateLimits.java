package io.agentmesh.verticles.gateway.security;

import io.vertx.core.json.JsonObject;

/**
 * Limits per route class, counted cluster-wide in Redis per principal (per client address when anonymous).
 *
 * @param failOpen what to do when Redis cannot be reached ({@code redis.on_down}): let requests through (true)
 *                 or answer 503 (false); the same choice applies to the access-token revocation check
 */
public record RateLimits(boolean enabled, boolean failOpen, Limit auth, Limit read, Limit write) {

  /** At most {@code limit} requests in any {@code windowSeconds}. */
  public record Limit(String name, int limit, int windowSeconds) {
  }

  public static RateLimits fromConfig(JsonObject json, String onRedisDown) {
    return new RateLimits(
      json.getBoolean("enabled", true),
      !"closed".equals(onRedisDown),
      new Limit("auth", json.getInteger("auth_limit", 30), json.getInteger("auth_window_seconds", 60)),
      new Limit("read", json.getInteger("read_limit", 1200), json.getInteger("read_window_seconds", 60)),
      new Limit("write", json.getInteger("write_limit", 300), json.getInteger("write_window_seconds", 60)));
  }
}
