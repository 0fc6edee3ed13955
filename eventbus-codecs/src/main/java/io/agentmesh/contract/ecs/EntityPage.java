package io.agentmesh.contract.ecs;

import java.util.List;

/** A page of entities as the world was at {@code tick}; the gateway adds {@code object: "list"}. */
public record EntityPage(List<EcsEntity> data, String firstId, String lastId, boolean hasMore, long tick) {

  public EntityPage {
    data = List.copyOf(data);
  }
}
