package io.agentmesh.contract.mcp;

/** A JSON-RPC notification for one MCP session, published for whichever gateway holds that session's stream. */
public record McpNotification(String sessionId, String message) {
}
