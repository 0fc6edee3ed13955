package io.agentmesh.contract.ecs;

/**
 * An intent for an owned entity: {@code move_toward} (to {@code x, y}), {@code seek_mate} (toward its best mate
 * nearby), {@code forage} or {@code rest}, for {@code ticks} ticks (default 100).
 */
public record ActRequest(String entityId, String action, Double x, Double y, Integer ticks) {
}
