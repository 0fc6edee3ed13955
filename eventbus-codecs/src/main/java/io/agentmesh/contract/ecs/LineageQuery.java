package io.agentmesh.contract.ecs;

/** An entity's family: ancestors and descendants to {@code depth} generations (default 3, at most 10). */
public record LineageQuery(String id, Integer depth) {
}
