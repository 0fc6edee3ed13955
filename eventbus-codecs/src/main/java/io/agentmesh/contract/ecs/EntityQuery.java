package io.agentmesh.contract.ecs;

import java.util.Map;

/**
 * A page of entities in id order, after {@code after}: the living (the world as it is at one tick) or, with
 * {@code alive} false, the dead (from the history); filtered by generation, owner ({@code "me"} the caller; the dead
 * keep their owner of record) and trait ranges ({@code traitMin}/{@code traitMax} by trait name, inclusive).
 */
public record EntityQuery(Integer limit, String after, Integer generation, String owner, Map<String, Double> traitMin,
                          Map<String, Double> traitMax, Boolean alive) {

  public EntityQuery {
    traitMin = traitMin == null ? Map.of() : Map.copyOf(traitMin);
    traitMax = traitMax == null ? Map.of() : Map.copyOf(traitMax);
  }
}
