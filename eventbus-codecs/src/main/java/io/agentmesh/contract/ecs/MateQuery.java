package io.agentmesh.contract.ecs;

/** Compatible mates within {@code radius} map units of an entity (default: its perception), at most {@code limit}. */
public record MateQuery(String id, Integer limit, Double radius) {
}
