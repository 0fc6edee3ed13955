package io.agentmesh.contract.ecs;

import java.util.List;

/**
 * One entity in a family tree: {@code parents} lead up (filled on the ancestors' side), {@code children} down (on the
 * descendants' side); a first-generation entity has no parents.
 */
public record LineageNode(String id, int generation, long birthTick, Long deathTick, String ownerId,
                          List<LineageNode> parents, List<LineageNode> children) {

  public LineageNode {
    parents = List.copyOf(parents);
    children = List.copyOf(children);
  }
}
