package io.agentmesh.contract.mcp;

import java.util.Map;

/**
 * A running tool asks the MCP client something: {@code sampling/createMessage} (the client's model) or
 * {@code elicitation/create} (the user). Answered with a {@link ClientReply} once the client responds.
 */
public record ClientRequest(String callId, String method, Map<String, Object> params) {

  public ClientRequest {
    params = params == null ? Map.of() : Map.copyOf(params);
  }
}
