package io.agentmesh.contract.agents;

/** Delete an agent; an agent that is running needs force (its tasks are cancelled first). */
public record AgentDelete(String agentId, boolean force) {
}
