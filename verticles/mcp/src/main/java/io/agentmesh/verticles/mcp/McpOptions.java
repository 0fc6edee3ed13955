package io.agentmesh.verticles.mcp;

import io.vertx.core.json.JsonObject;

/**
 * Settings of the tool registry (config section {@code mcp}); the defaults are in config/default.json only.
 *
 * @param toolTimeoutMs    how long a tool call may run, its questions to the client included
 * @param upstreamRefreshMs how often each federated MCP server's tools are listed again
 */
record McpOptions(long toolTimeoutMs, long upstreamRefreshMs) {

  static McpOptions fromConfig(JsonObject config) {
    JsonObject mcp = config.getJsonObject("mcp");
    return new McpOptions(mcp.getLong("tool_timeout_ms"), mcp.getLong("upstream_refresh_seconds") * 1000);
  }
}
