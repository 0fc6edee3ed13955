package io.agentmesh.verticles.gateway;

import io.agentmesh.verticles.gateway.security.RateLimits;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The gateway's settings, read once from its deployment config (validated by the node at start).
 *
 * @param metricsRegistry the Micrometer registry to scrape at {@code /metrics}, or null when metrics are off
 * @param trustedProxies  addresses whose X-Forwarded-For is believed
 * @param mcpGuests       the conformance pack is deployed: {@code /mcp} serves it to callers without a credential
 * @param mcpAllowedHosts host names (with or without port) that {@code /mcp} accepts in Host and Origin
 * @param metricsPublic   {@code /metrics} answers without a credential (scraped over a private network)
 * @param accessTtlSeconds the longest lifetime an access token may claim ({@code auth.access_ttl_seconds})
 */
public record GatewayOptions(String host, int port, long bodyLimitBytes, long authBodyLimitBytes, long sendTimeoutMs,
                             boolean preferLocal, long shutdownGraceMs, String nodeId, String metricsRegistry,
                             Set<String> trustedProxies, List<String> corsOrigins, boolean hsts, String issuer,
                             String audience, String redisUrl, RateLimits rateLimits, boolean dev,
                             boolean mcpGuests, List<String> mcpAllowedHosts, boolean metricsPublic,
                             long accessTtlSeconds, long apiKeyCacheSeconds, long revocationSyncMs) {

  /** Below how long the auth domain keeps an API-key revocation on record, so a cached key never outlives it. */
  static final long MAX_API_KEY_CACHE_SECONDS = 300;

  public static GatewayOptions fromConfig(JsonObject config) {
    JsonObject http = config.getJsonObject("http", new JsonObject());
    JsonObject bus = config.getJsonObject("bus", new JsonObject());
    JsonObject node = config.getJsonObject("node", new JsonObject());
    JsonObject auth = config.getJsonObject("auth", new JsonObject());
    JsonObject mcp = config.getJsonObject("mcp", new JsonObject());
    return new GatewayOptions(
      http.getString("host", "127.0.0.1"),
      http.getInteger("port", 8080),
      http.getLong("body_limit_bytes", 1_048_576L),
      http.getLong("auth_body_limit_bytes", 16_384L),
      bus.getLong("send_timeout_ms", 5000L),
      bus.getBoolean("prefer_local", true),
      node.getLong("shutdown_grace_ms", 10_000L),
      config.getString("node_id", "standalone"),
      config.getString("metrics_registry"),
      Set.copyOf(list(http.getString("trusted_proxies", ""))),
      list(http.getString("cors_origins", "")),
      http.getBoolean("hsts", false),
      auth.getString("issuer", "agentmesh"),
      auth.getString("audience", "agentmesh-api"),
      config.getJsonObject("redis", new JsonObject()).getString("url"),
      RateLimits.fromConfig(config.getJsonObject("rate_limit", new JsonObject()),
        config.getJsonObject("redis", new JsonObject()).getString("on_down", "open")),
      !"prod".equals(config.getString("mode", "dev")),
      mcp.getBoolean("conformance_pack", false),
      list(mcp.getString("allowed_hosts", "")),
      config.getJsonObject("metrics", new JsonObject()).getBoolean("public", false),
      auth.getLong("access_ttl_seconds", 900L),
      Math.min(auth.getLong("api_key_cache_seconds", 60L), MAX_API_KEY_CACHE_SECONDS),
      auth.getLong("revocation_sync_ms", 500L));
  }

  private static List<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty())
      .collect(Collectors.toList());
  }
}
