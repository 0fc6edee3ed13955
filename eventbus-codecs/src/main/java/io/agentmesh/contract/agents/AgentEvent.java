package io.agentmesh.contract.agents;

import java.time.Instant;
/**
 * Published on events.agents and events.agents.<id>: type is created, updated, status or deleted. {@code version} is
 * the agent's version after the change (0 for deleted), so a cache holding that version or a later one keeps it.
 */
public record AgentEvent(String agentId, String ownerId, String type, String status, String reason, long version,
                         Instant at) {
}
