package io.agentmesh.verticles.ecs.world;

import io.agentmesh.verticles.ecs.engine.Archetype;
import io.agentmesh.verticles.ecs.engine.SpatialGrid;

/**
 * A system that looks around one creature at a time: {@link #lookAround} sets that creature as {@code self} and
 * visits every creature within its perception. The visitor is the system itself, reused for every look: a tick
 * allocates nothing for it.
 */
abstract class NeighbourVisitor implements WorldSystem, SpatialGrid.Visitor {

  protected World world;
  protected Archetype self;
  protected int selfRow;
  protected long selfId;

  /** Visits the creatures within the neighbour radius of {@code row} of {@code at}, with it as {@code self}. */
  protected void lookAround(Archetype at, int row) {
    self = at;
    selfRow = row;
    selfId = at.entities()[row];
    float[][] position = at.floats(Components.POSITION);
    world.grid().near(position[0][row], position[1][row], world.settings().neighbourRadius(), this);
  }
}
