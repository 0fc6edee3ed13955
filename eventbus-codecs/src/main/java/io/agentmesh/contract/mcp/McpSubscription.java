package io.agentmesh.contract.mcp;

/** An MCP session's subscription to a resource (resources/subscribe). */
public record McpSubscription(String sessionId, String uri) {
}
