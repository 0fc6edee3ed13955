package io.agentmesh.verticles.ecs.engine;

/**
 * Entity ids: a slot index in the low 32 bits and the slot's generation in the high 32. Releasing an entity bumps
 * its slot's generation, so an id kept from before never reaches the entity that reuses the slot. Generations start
 * at 1: the id 0 is never an entity.
 */
public final class EntityIds {

  private EntityIds() {
  }

  public static long of(int index, int generation) {
    return ((long) generation << 32) | (index & 0xFFFF_FFFFL);
  }

  public static int index(long id) {
    return (int) id;
  }

  public static int generation(long id) {
    return (int) (id >>> 32);
  }
}
