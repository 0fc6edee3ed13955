package io.agentmesh.contract.agents;

/** Published on events.agents and events.agents.<id>: type is created, updated, status or deleted. */
public record AgentEvent(String agentId, String ownerId, String type, String status, String reason, java.time.Instant at) {
}
