package io.agentmesh.contract.tools;

import java.util.List;

/**
 * An MCP session: its id (the MCP-Session-Id, 128+ random bits), its user, the negotiated protocol version and the
 * minimum level of log notifications it asked for ({@code logging/setLevel}, RFC 5424 names).
 */
public record McpSession(String id, String userId, String protocolVersion, String logLevel) {

  public static final List<String> LEVELS = List.of("debug", "info", "notice", "warning", "error", "critical",
    "alert", "emergency");

  /** Whether a message at {@code level} reaches this session. */
  public boolean wants(String level) {
    int wanted = LEVELS.indexOf(logLevel == null ? "info" : logLevel);
    return LEVELS.indexOf(level) >= wanted;
  }
}
