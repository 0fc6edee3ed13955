package io.agentmesh.contract.ecs;

import java.util.List;

/** An entity's ties to its recent contacts, strongest first (a bounded list: the weakest tie makes room). */
public record EntityRelationships(String id, long tick, List<Relationship> data) {

  public EntityRelationships {
    data = List.copyOf(data);
  }
}
