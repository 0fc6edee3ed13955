package io.agentmesh.contract.mcp;

import java.util.Map;

/** The MCP client's answer to a {@link ClientRequest}: its JSON-RPC {@code result}, or its {@code error}. */
public record ClientReply(Map<String, Object> result, Map<String, Object> error) {

  public boolean failed() {
    return error != null;
  }
}
