package io.agentmesh.contract.ecs;

/**
 * A notable event: {@code born} (entity, both parents), {@code died} (entity, {@code cause} starved or old_age),
 * {@code mated} (entity, partner). Keyed by (tick, entity, kind).
 */
public record WorldEvent(long tick, String kind, String entityId, String otherId, String secondParentId,
                         String cause) {
}
