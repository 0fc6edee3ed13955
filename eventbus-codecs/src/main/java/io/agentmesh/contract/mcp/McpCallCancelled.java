package io.agentmesh.contract.mcp;

/** Published when an MCP client cancels a request: whichever gateway holds that call ends it without a response. */
public record McpCallCancelled(String sessionId, String requestId) {
}
