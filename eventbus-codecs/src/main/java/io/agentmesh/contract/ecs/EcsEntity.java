package io.agentmesh.contract.ecs;

import java.util.List;
import java.util.Map;

/**
 * A creature of the world. {@code ownerId}: the user who spawned or bred it (null: born in the simulation);
 * {@code agentId}: the platform agent linked to it. A dead entity keeps its lineage and traits; its state fields
 * ({@code age} to {@code intent}) are null. {@code tick}: the tick the view was read at.
 */
public record EcsEntity(String id, boolean alive, String ownerId, String agentId, int generation,
                        List<String> parentIds, long birthTick, Long deathTick, Map<String, Double> traits,
                        Integer age, Double energy, Double x, Double y, Double hunger, Double social, String intent,
                        long tick) {

  public EcsEntity {
    parentIds = List.copyOf(parentIds);
    traits = Map.copyOf(traits);
  }
}
