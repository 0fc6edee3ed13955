package io.agentmesh.verticles.ecs.world;

import io.agentmesh.verticles.ecs.engine.Archetype;

/**
 * Needs and metabolism: living costs energy, more for a big or fast body; hunger follows energy, and the need for
 * company grows with sociability.
 */
final class Metabolism implements WorldSystem {

  private static final float BASE_COST = 0.002f;

  @Override
  public void run(World world) {
    for (Archetype at : world.creatures().archetypes()) {
      float[][] genome = at.floats(Components.GENOME);
      float[] energy = at.floats(Components.ENERGY)[0];
      float[][] needs = at.floats(Components.NEEDS);
      float[][] velocity = at.floats(Components.VELOCITY);
      for (int row = 0; row < at.size(); row++) {
        float moving = Math.abs(velocity[0][row]) + Math.abs(velocity[1][row]);
        energy[row] -= BASE_COST * (0.5f + genome[Traits.SIZE][row]) * (1f + moving);
        needs[0][row] = Math.max(0f, Math.min(1f, 1f - energy[row]));
        needs[1][row] = Math.min(1f, needs[1][row] + 0.01f * genome[Traits.SOCIABILITY][row]);
      }
    }
  }
}
