package io.agentmesh.verticles.ecs.world;

import io.agentmesh.verticles.ecs.engine.Archetype;

/** Foraging: food regrows, and each hungry creature eats from its cell, a bigger one taking a bigger bite. */
final class Foraging implements WorldSystem {

  private static final float BITE = 0.05f;

  @Override
  public void run(World world) {
    FoodGrid food = world.food();
    food.regrow();
    for (Archetype at : world.creatures().archetypes()) {
      float[][] genome = at.floats(Components.GENOME);
      float[][] position = at.floats(Components.POSITION);
      float[] energy = at.floats(Components.ENERGY)[0];
      float[] hunger = at.floats(Components.NEEDS)[0];
      int[][] memoryInts = at.ints(Components.MEMORY);
      long[][] memoryLongs = at.longs(Components.MEMORY);
      for (int row = 0; row < at.size(); row++) {
        if (hunger[row] > 0.2f) {
          float eaten = food.eat(position[0][row], position[1][row], BITE * (0.5f + genome[Traits.SIZE][row]));
          energy[row] = Math.min(1.5f, energy[row] + eaten);
          if (eaten > BITE / 2 && hunger[row] > 0.6f) {
            Memory.remember(memoryInts, memoryLongs, row, Memory.FED, 0, world.tickCount());
          }
        }
      }
    }
  }
}
