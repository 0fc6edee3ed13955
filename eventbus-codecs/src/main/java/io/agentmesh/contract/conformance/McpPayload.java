package io.agentmesh.contract.conformance;

import java.util.Map;

/** MCP-shaped JSON (params in, result out) for content that speaks MCP itself, like the conformance pack. */
public record McpPayload(Map<String, Object> json) {

  public McpPayload {
    json = json == null ? Map.of() : json;
  }
}
