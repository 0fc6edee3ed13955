package io.agentmesh.verticles.ecs.world;

import io.agentmesh.verticles.ecs.engine.Archetype;

/** Aging and death: every creature ages a tick; one out of energy or past its lifespan (by longevity) dies. */
final class Aging implements WorldSystem {

  @Override
  public void run(World world) {
    int lifespan = world.settings().lifespan();
    for (Archetype at : world.creatures().archetypes()) {
      int[] age = at.ints(Components.AGE)[0];
      float[] energy = at.floats(Components.ENERGY)[0];
      float[] longevity = at.floats(Components.GENOME)[Traits.LONGEVITY];
      long[] entities = at.entities();
      for (int row = 0; row < at.size(); row++) {
        age[row]++;
        boolean starved = energy[row] <= 0;
        if (starved || age[row] > lifespan * (0.5f + longevity[row])) {
          world.changes().despawn(entities[row]);
          world.events().record(TickEvents.DIED, world.tickCount(), entities[row], 0,
            starved ? TickEvents.STARVED : TickEvents.OLD_AGE);
        }
      }
    }
  }
}
