package io.agentmesh.contract.tools;

/** An MCP session's subscription to a resource (resources/subscribe). */
public record McpSubscription(String sessionId, String uri) {
}
