package io.agentmesh.contract.mcp;

import io.agentmesh.contract.tools.ToolCallChannel;

import java.util.Map;

/**
 * Something a running tool tells its MCP client, sent to the gateway instance holding the call.
 *
 * @param callId the call, from {@link ToolCallChannel#CALL_ID}
 * @param kind   {@code progress} (params: progress, total, message), {@code log} (params: level, logger, data) or
 *               {@code reconnect} (params: retry_ms; the server ends the stream and the client resumes it)
 */
public record CallNotice(String callId, String kind, Map<String, Object> params) {

  public CallNotice {
    params = params == null ? Map.of() : Map.copyOf(params);
  }
}
