package io.agentmesh.verticles.ecs.world;

import io.agentmesh.verticles.ecs.engine.Archetype;
import io.agentmesh.verticles.ecs.engine.SpatialGrid;
import io.agentmesh.verticles.ecs.engine.WorldRandom;

/**
 * Movement: a hungry creature heads for the richest neighbouring food cell, a fed one wanders as far as its
 * curiosity takes it; its speed trait sets how fast. A creature with an intent ({@link Intents}) follows it until
 * it lapses instead: toward its target, to food, or standing still. The map wraps at its edges.
 */
final class Movement implements WorldSystem {

  private static final float MAX_SPEED = 0.5f;

  @Override
  public void run(World world) {
    FoodGrid food = world.food();
    WorldRandom random = world.random();
    float width = world.settings().width();
    float height = world.settings().height();
    float step = food.cell();
    for (Archetype at : world.creatures().archetypes()) {
      float[][] genome = at.floats(Components.GENOME);
      float[][] position = at.floats(Components.POSITION);
      float[][] velocity = at.floats(Components.VELOCITY);
      float[] hunger = at.floats(Components.NEEDS)[0];
      int[] intent = at.has(Components.INTENT) ? at.ints(Components.INTENT)[0] : null;
      for (int row = 0; row < at.size(); row++) {
        float x = position[0][row];
        float y = position[1][row];
        float speed = MAX_SPEED * (0.2f + 0.8f * genome[Traits.SPEED][row]);
        float dx;
        float dy;
        int action = intent == null ? Intents.NONE : current(at, row, world.tickCount());
        if (action == Intents.MOVE_TOWARD || action == Intents.SEEK_MATE) {
          float[][] target = at.floats(Components.INTENT);
          dx = SpatialGrid.wrapped(target[0][row] - x, width);
          dy = SpatialGrid.wrapped(target[1][row] - y, height);
          float left = (float) Math.sqrt(dx * dx + dy * dy);
          speed = Math.min(speed, left);
        } else if (action == Intents.REST) {
          dx = 0;
          dy = 0;
        } else if (hunger[row] > 0.5f || action == Intents.FORAGE) {
          float east = food.at(x + step, y);
          float west = food.at(x - step, y);
          float north = food.at(x, y + step);
          float south = food.at(x, y - step);
          dx = east - west;
          dy = north - south;
        } else {
          float wander = genome[Traits.CURIOSITY][row];
          dx = velocity[0][row] + (random.nextFloat() * 2 - 1) * wander;
          dy = velocity[1][row] + (random.nextFloat() * 2 - 1) * wander;
        }
        float length = (float) Math.sqrt(dx * dx + dy * dy);
        if (length > 1e-6f) {
          dx = dx / length * speed;
          dy = dy / length * speed;
        } else {
          dx = 0;
          dy = 0;
        }
        velocity[0][row] = dx;
        velocity[1][row] = dy;
        position[0][row] = wrap(x + dx, width);
        position[1][row] = wrap(y + dy, height);
      }
    }
  }

  /** The row's action, NONE once its intent lapsed (then cleared). */
  private static int current(Archetype at, int row, long tick) {
    int[] action = at.ints(Components.INTENT)[0];
    if (action[row] != Intents.NONE && at.longs(Components.INTENT)[0][row] <= tick) {
      action[row] = Intents.NONE;
    }
    return action[row];
  }

  /** Back onto the map: a step never crosses more than one edge, so no remainder is needed (see SpatialGrid). */
  private static float wrap(float value, float length) {
    if (value >= length) {
      return value - length < length ? value - length : value % length;
    }
    return value < 0 ? (value + length >= 0 ? value + length : value % length + length) : value;
  }
}
