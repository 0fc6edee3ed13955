package io.agentmesh.contract.ecs;

/** An entity's family tree to {@code depth} generations each way: {@code root} is the entity itself. */
public record Lineage(String id, int depth, LineageNode root) {
}
