package io.agentmesh.contract.ecs;

import java.util.List;

/** What an entity perceives: itself, the food where it stands, and the entities within its perception. */
public record Observation(EcsEntity self, double food, double radius, List<Neighbour> neighbours) {

  public Observation {
    neighbours = List.copyOf(neighbours);
  }
}
