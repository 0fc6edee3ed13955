package io.agentmesh.verticles.gateway;

import io.vertx.core.json.JsonObject;

/**
 * The gateway's settings, read once from its deployment config (validated by the node at start).
 *
 * @param metricsRegistry the Micrometer registry to scrape at {@code /metrics}, or null when metrics are off
 */
public record GatewayOptions(String host, int port, long bodyLimitBytes, long sendTimeoutMs, boolean preferLocal,
                             long shutdownGraceMs, String nodeId, String metricsRegistry) {

  public static GatewayOptions fromConfig(JsonObject config) {
    JsonObject http = config.getJsonObject("http", new JsonObject());
    JsonObject bus = config.getJsonObject("bus", new JsonObject());
    JsonObject node = config.getJsonObject("node", new JsonObject());
    return new GatewayOptions(
      http.getString("host", "127.0.0.1"),
      http.getInteger("port", 8080),
      http.getLong("body_limit_bytes", 1_048_576L),
      bus.getLong("send_timeout_ms", 5000L),
      bus.getBoolean("prefer_local", true),
      node.getLong("shutdown_grace_ms", 10_000L),
      config.getString("node_id", "standalone"),
      config.getString("metrics_registry"));
  }
}
