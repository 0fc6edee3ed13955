package io.agentmesh.verticles.ecs.engine;

/**
 * A kind of component, stored as primitive columns: {@code floats} float fields, {@code ints} int fields and
 * {@code longs} long fields per entity (a bounded list, such as recent contacts, is a fixed number of fields and a
 * count). Ids are small and dense (a bit each in an archetype's mask), so a world has at most 64 types.
 */
public record ComponentType(int id, String name, int floats, int ints, int longs) {

  public static final int MAX_TYPES = 64;

  public ComponentType {
    if (id < 0 || id >= MAX_TYPES) {
      throw new IllegalArgumentException("component id " + id + " outside 0.." + (MAX_TYPES - 1));
    }
    if (floats < 0 || ints < 0 || longs < 0) {
      throw new IllegalArgumentException("negative field count in " + name);
    }
  }

  /** This type's bit in an archetype's mask. */
  public long bit() {
    return 1L << id;
  }

  /** A type that only marks an entity (no fields): e.g. one linked to a platform agent. */
  public boolean isTag() {
    return floats == 0 && ints == 0 && longs == 0;
  }
}
