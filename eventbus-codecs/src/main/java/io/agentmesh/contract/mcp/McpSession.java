package io.agentmesh.contract.mcp;

import java.util.List;

/**
 * An MCP session: its id (the MCP-Session-Id, 128+ random bits), its user, the negotiated protocol version, the
 * minimum level of log notifications it asked for ({@code logging/setLevel}, RFC 5424 names) and what the client
 * said it can do at {@code initialize} ({@code sampling}, {@code elicitation}, {@code roots}).
 */
public record McpSession(String id, String userId, String protocolVersion, String logLevel,
                         List<String> clientCapabilities) {

  public static final List<String> LEVELS = List.of("debug", "info", "notice", "warning", "error", "critical",
    "alert", "emergency");

  public McpSession {
    clientCapabilities = clientCapabilities == null ? List.of() : List.copyOf(clientCapabilities);
  }

  public McpSession(String id, String userId, String protocolVersion, String logLevel) {
    this(id, userId, protocolVersion, logLevel, List.of());
  }

  /** Whether a message at {@code level} reaches this session. */
  public boolean wants(String level) {
    int wanted = LEVELS.indexOf(logLevel == null ? "info" : logLevel);
    return LEVELS.indexOf(level) >= wanted;
  }

  public boolean clientCan(String capability) {
    return clientCapabilities.contains(capability);
  }
}
