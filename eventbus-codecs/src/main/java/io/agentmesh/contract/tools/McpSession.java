package io.agentmesh.contract.tools;

/** An MCP session: its id (the MCP-Session-Id, 128+ random bits), its user and the negotiated protocol version. */
public record McpSession(String id, String userId, String protocolVersion) {
}
