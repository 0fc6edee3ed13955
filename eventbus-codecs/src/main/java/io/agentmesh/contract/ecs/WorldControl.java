package io.agentmesh.contract.ecs;

/**
 * Administrators: {@code action} speed (with {@code speed}, 1 to 1000), pause, resume, step (with {@code ticks},
 * default 1, while paused) or reset (a new world from {@code seed} and {@code population}).
 */
public record WorldControl(String action, Double speed, Integer ticks, Long seed, Integer population) {
}
