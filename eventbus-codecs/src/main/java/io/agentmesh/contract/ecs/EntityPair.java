package io.agentmesh.contract.ecs;

/** Two entities, for their compatibility. */
public record EntityPair(String id, String otherId) {
}
