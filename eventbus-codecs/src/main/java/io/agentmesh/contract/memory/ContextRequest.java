package io.agentmesh.contract.memory;

/** The messages of a session to send to a model within a token budget. */
public record ContextRequest(String agentId, String sessionId, int tokenBudget) {
}
