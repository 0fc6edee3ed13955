package io.agentmesh.contract.ecs;

import java.util.Map;

/**
 * A page of living entities in id order, after {@code after}: filtered by generation, owner ({@code "me"} the
 * caller) and trait ranges ({@code traitMin}/{@code traitMax} by trait name, inclusive).
 */
public record EntityQuery(Integer limit, String after, Integer generation, String owner, Map<String, Double> traitMin,
                          Map<String, Double> traitMax) {

  public EntityQuery {
    traitMin = traitMin == null ? Map.of() : Map.copyOf(traitMin);
    traitMax = traitMax == null ? Map.of() : Map.copyOf(traitMax);
  }
}
