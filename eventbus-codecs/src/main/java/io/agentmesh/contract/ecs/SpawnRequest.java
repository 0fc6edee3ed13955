package io.agentmesh.contract.ecs;

import java.util.Map;

/** A new first-generation entity: its traits by name (null: random; named ones only, the rest random), a place. */
public record SpawnRequest(Map<String, Double> traits, Double x, Double y) {

  public SpawnRequest {
    traits = traits == null ? Map.of() : Map.copyOf(traits);
  }
}
