package io.agentmesh.bench.ecs;

import io.agentmesh.verticles.ecs.engine.SpatialGrid;

/**
 * The rules of the engine comparison, written once as pure functions of primitives so the three engines compute
 * bit-for-bit the same numbers: each engine only decides how it stores and walks the data. Per entity, no shared
 * random generator (a generator's draws would depend on each engine's iteration order): randomness is a hash of the
 * entity's own id and the tick.
 */
final class BenchRules {

  /** Entities per square map unit; with {@link #RADIUS} about 3.5 neighbours each on average. */
  static final float DENSITY = 0.5f;
  static final float RADIUS = 1.5f;
  static final int TRAITS = 8;
  static final int SIZE = 0;
  static final int SPEED = 1;
  static final int SOCIABILITY = 2;
  static final int CURIOSITY = 3;
  static final int LONGEVITY = 5;
  static final int LIFESPAN = 4000;
  private static final float BASE_COST = 0.002f;
  private static final float FOOD = 0.004f;
  private static final float MAX_SPEED = 0.5f;

  private BenchRules() {
  }

  /** The side of the square map that holds {@code entities} at {@link #DENSITY}. */
  static float side(int entities) {
    return (float) Math.ceil(Math.sqrt(entities / DENSITY));
  }

  /** A number in [0, 1) from an entity's id and a salt (splitmix64). */
  static float unit(long id, long salt) {
    long z = id * 0x9E3779B97F4A7C15L + salt * 0xD1B54A32D192ED03L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 40) * 0x1.0p-24f;
  }

  /** Metabolism and foraging: living costs energy by size and motion; the hungry eat. */
  static float energy(float energy, float size, float vx, float vy) {
    float cost = BASE_COST * (0.5f + size) * (1f + Math.abs(vx) + Math.abs(vy));
    float eaten = hunger(energy) > 0.2f ? FOOD : 0f;
    return Math.min(1.5f, energy - cost + eaten);
  }

  static float hunger(float energy) {
    return Math.max(0f, Math.min(1f, 1f - energy));
  }

  static float social(float need, float sociability) {
    return Math.min(1f, need + 0.01f * sociability);
  }

  /** Movement: a wander as far as curiosity takes it, at the speed of the speed trait. Writes vx, vy into out. */
  static void velocity(int id, int tick, float vx, float vy, float curiosity, float speedTrait, float[] out) {
    float dx = vx + (unit(id, 2L * tick) * 2 - 1) * curiosity;
    float dy = vy + (unit(id, 2L * tick + 1) * 2 - 1) * curiosity;
    float speed = MAX_SPEED * (0.2f + 0.8f * speedTrait);
    float length = (float) Math.sqrt(dx * dx + dy * dy);
    out[0] = length > 1e-6f ? dx / length * speed : 0f;
    out[1] = length > 1e-6f ? dy / length * speed : 0f;
  }

  /** Back onto the map after a step (less than the map's side), without a float remainder (a library call). */
  static float wrap(float value, float side) {
    if (value >= side) {
      return value - side;
    }
    return value < 0 ? value + side : value;
  }

  /** Social contact: company met lowers the need, three contacts at most. */
  static float met(float need, int neighbours) {
    return Math.max(0f, need - 0.1f * Math.min(3, neighbours));
  }

  /** Aging: whether an entity of this age and energy has died (then it is reborn in place: a steady world). */
  static boolean dies(int age, float energy, float longevity) {
    return energy <= 0 || age > LIFESPAN * (0.5f + longevity);
  }

  /** One entity's state folded into a checksum that does not depend on the order entities are visited. */
  static long fold(int id, float energy, float x, float y, float social, int age) {
    long h = id * 0x9E3779B97F4A7C15L;
    h = (h ^ Float.floatToIntBits(energy)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ Float.floatToIntBits(x)) * 0x94D049BB133111EBL;
    h = (h ^ Float.floatToIntBits(y)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ Float.floatToIntBits(social)) * 0x94D049BB133111EBL;
    return (h ^ age) * 0x9E3779B97F4A7C15L;
  }

  /** The squared distance on the wrapping map, computed as the platform's grid computes it (so all agree). */
  static float distanceSquared(float x1, float y1, float x2, float y2, float side) {
    float dx = SpatialGrid.wrapped(x2 - x1, side);
    float dy = SpatialGrid.wrapped(y2 - y1, side);
    return dx * dx + dy * dy;
  }
}
