package io.agentmesh.contract.agents;

/** The tasks domain reports an agent's status. */
public record AgentStatusUpdate(String agentId, String status, String reason) {
}
