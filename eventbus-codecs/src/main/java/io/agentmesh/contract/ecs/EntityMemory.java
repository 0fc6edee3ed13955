package io.agentmesh.contract.ecs;

import java.util.List;

/** An entity's recent experiences, newest first (a bounded ring: the oldest are forgotten). */
public record EntityMemory(String id, long tick, List<Experience> data) {

  public EntityMemory {
    data = List.copyOf(data);
  }
}
