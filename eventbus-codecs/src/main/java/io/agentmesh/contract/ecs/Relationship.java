package io.agentmesh.contract.ecs;

/** Affinity to a recent contact, in [-1, 1] (fights make it negative). */
public record Relationship(String otherId, double affinity) {
}
