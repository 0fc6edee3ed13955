package io.agentmesh.contract.ecs;

/** Another entity within perception: where it is, how far, and the perceiver's affinity to it (0: unknown). */
public record Neighbour(String id, double x, double y, double distance, double affinity, boolean compatible) {
}
