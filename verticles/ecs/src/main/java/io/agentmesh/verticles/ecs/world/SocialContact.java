package io.agentmesh.verticles.ecs.world;

import io.agentmesh.verticles.ecs.engine.Archetype;

/**
 * Social interaction among neighbours (from the spatial grid, never all pairs): a creature in need of company meets
 * up to a few others within its perception; sociable ones grow fond of each other, an aggressive and hungry one
 * fights instead (both lose energy). Each contact is remembered and moves the relationship both ways.
 */
final class SocialContact extends NeighbourVisitor {

  private static final int MAX_CONTACTS = 3;
  private static final float FIGHT_COST = 0.02f;

  private int contacts;

  @Override
  public void run(World on) {
    this.world = on;
    for (Archetype at : on.creatures().archetypes()) {
      float[] social = at.floats(Components.NEEDS)[1];
      for (int row = 0; row < at.size(); row++) {
        if (social[row] >= 0.3f) {
          contacts = 0;
          lookAround(at, row);
        }
      }
    }
  }

  @Override
  public void visit(long id, Archetype other, int otherRow, float distanceSquared) {
    if (id == selfId || contacts >= MAX_CONTACTS) {
      return;
    }
    contacts++;
    float[][] genome = self.floats(Components.GENOME);
    boolean fight = genome[Traits.AGGRESSION][selfRow] > 0.7f && self.floats(Components.NEEDS)[0][selfRow] > 0.5f;
    float delta = fight ? -0.2f : 0.05f * (genome[Traits.SOCIABILITY][selfRow]
      + other.floats(Components.GENOME)[Traits.SOCIABILITY][otherRow]);
    int kind = fight ? Memory.FOUGHT : Memory.MET;
    contact(self, selfRow, id, delta, kind);
    contact(other, otherRow, selfId, delta, kind);
    if (fight) {
      self.floats(Components.ENERGY)[0][selfRow] -= FIGHT_COST;
      other.floats(Components.ENERGY)[0][otherRow] -= 2 * FIGHT_COST;
    }
    float[] social = self.floats(Components.NEEDS)[1];
    social[selfRow] = Math.max(0f, social[selfRow] - 0.1f);
  }

  private void contact(Archetype at, int row, long other, float delta, int kind) {
    Relationships.meet(at.floats(Components.RELATIONSHIPS)[0], at.longs(Components.RELATIONSHIPS)[0], row, other,
      delta);
    Memory.remember(at.ints(Components.MEMORY), at.longs(Components.MEMORY), row, kind, other, world.tickCount());
  }
}
