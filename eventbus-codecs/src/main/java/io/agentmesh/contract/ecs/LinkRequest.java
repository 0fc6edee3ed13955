package io.agentmesh.contract.ecs;

/** Links a platform agent of the caller's to an entity the caller owns (its tools then act for it). */
public record LinkRequest(String entityId, String agentId) {
}
