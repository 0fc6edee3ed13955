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
 * @param uploadLimitBytes the largest multipart upload of documents ({@code rag.max_upload_bytes})
 */
public record GatewayOptions(String host, int port, long bodyLimitBytes, long authBodyLimitBytes, long sendTimeoutMs,
                             boolean preferLocal, long shutdownGraceMs, String nodeId, String metricsRegistry,
                             Set<String> trustedProxies, List<String> corsOrigins, boolean hsts, String issuer,
                             String audience, String redisUrl, RateLimits rateLimits, boolean dev,
                             boolean mcpGuests, List<String> mcpAllowedHosts, boolean metricsPublic,
                             long accessTtlSeconds, long apiKeyCacheSeconds, long revocationSyncMs,
                             long uploadLimitBytes) {

  /** Below how long the auth domain keeps an API-key revocation on record, so a cached key never outlives it. */
  static final long MAX_API_KEY_CACHE_SECONDS = 300;

  /** Reads the node's configuration, complete because config/default.json (the only home of defaults) is under it. */
  public static GatewayOptions fromConfig(JsonObject config) {
    JsonObject http = config.getJsonObject("http");
    JsonObject bus = config.getJsonObject("bus");
    JsonObject auth = config.getJsonObject("auth");
    JsonObject mcp = config.getJsonObject("mcp");
    JsonObject redis = config.getJsonObject("redis");
    return new GatewayOptions(
      http.getString("host"),
      http.getInteger("port"),
      http.getLong("body_limit_bytes"),
      http.getLong("auth_body_limit_bytes"),
      bus.getLong("send_timeout_ms"),
      bus.getBoolean("prefer_local"),
      config.getJsonObject("node").getLong("shutdown_grace_ms"),
      config.getString("node_id"),
      config.getString("metrics_registry"),
      Set.copyOf(list(http.getString("trusted_proxies"))),
      list(http.getString("cors_origins")),
      http.getBoolean("hsts"),
      auth.getString("issuer"),
      auth.getString("audience"),
      redis.getString("url"),
      RateLimits.fromConfig(config.getJsonObject("rate_limit"), redis.getString("on_down")),
      !"prod".equals(config.getString("mode")),
      mcp.getBoolean("conformance_pack"),
      list(mcp.getString("allowed_hosts")),
      config.getJsonObject("metrics").getBoolean("public"),
      auth.getLong("access_ttl_seconds"),
      Math.min(auth.getLong("api_key_cache_seconds"), MAX_API_KEY_CACHE_SECONDS),
      auth.getLong("revocation_sync_ms"),
      config.getJsonObject("rag").getLong("max_upload_bytes"));
  }

  private static List<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty())
      .collect(Collectors.toList());
  }
}
