package io.agentmesh.verticles.ecs.world;

import io.agentmesh.verticles.ecs.engine.Archetype;
import io.agentmesh.verticles.ecs.engine.EntityStore;

/**
 * Mating: an adult with energy to spare, past its cooldown and as willing as its fertility, mates with the first
 * compatible such neighbour it perceives (see {@link Genetics}). The child is conceived now and born at the end of
 * the tick, next to its first parent, its lineage recorded; each parent gives energy and waits out its cooldown.
 */
final class Mating extends NeighbourVisitor {

  private final float[] child = new float[Traits.COUNT];
  private long partner;

  @Override
  public void run(World on) {
    this.world = on;
    WorldSettings settings = on.settings();
    for (Archetype at : on.creatures().archetypes()) {
      float[][] position = at.floats(Components.POSITION);
      for (int row = 0; row < at.size(); row++) {
        if (on.population() + on.births().pending() >= settings.populationCap()) {
          return;
        }
        if (!eligible(at, row) || on.random().nextFloat() > at.floats(Components.GENOME)[Traits.FERTILITY][row]) {
          continue;
        }
        partner = 0;
        lookAround(at, row);
        if (partner != 0) {
          conceive(position[0][row], position[1][row]);
        }
      }
    }
  }

  @Override
  public void visit(long id, Archetype other, int otherRow, float distanceSquared) {
    if (partner != 0 || id == selfId || !eligible(other, otherRow)) {
      return;
    }
    float distance = Genetics.distance(self.floats(Components.GENOME), selfRow, other.floats(Components.GENOME),
      otherRow);
    if (Genetics.compatible(distance, world.settings())) {
      partner = id;
    }
  }

  private boolean eligible(Archetype at, int row) {
    int[][] age = at.ints(Components.AGE);
    return age[0][row] >= world.settings().adultAge() && age[1][row] <= world.tickCount()
      && at.floats(Components.ENERGY)[0][row] >= world.settings().mateEnergy();
  }

  private void conceive(float x, float y) {
    EntityStore store = world.store();
    Archetype other = store.archetypeOf(partner);
    int otherRow = store.rowOf(partner);
    Genetics.offspring(self.floats(Components.GENOME), selfRow, other.floats(Components.GENOME), otherRow, child,
      world.random(), world.settings());
    int generation = 1 + Math.max(self.ints(Components.LINEAGE)[0][selfRow],
      other.ints(Components.LINEAGE)[0][otherRow]);
    world.changes().spawn(Components.CREATURE);
    world.births().conceive(selfId, partner, x, y, child, generation, world.tickCount());
    parent(self, selfRow, partner);
    parent(other, otherRow, selfId);
    world.events().record(TickEvents.MATED, world.tickCount(), selfId, partner, 0);
  }

  private void parent(Archetype at, int row, long mate) {
    at.floats(Components.ENERGY)[0][row] -= world.settings().mateEnergy() / 3;
    at.ints(Components.AGE)[1][row] = (int) Math.min(Integer.MAX_VALUE, world.tickCount() + world.settings()
      .mateCooldown());
    Memory.remember(at.ints(Components.MEMORY), at.longs(Components.MEMORY), row, Memory.MATED, mate,
      world.tickCount());
  }
}
