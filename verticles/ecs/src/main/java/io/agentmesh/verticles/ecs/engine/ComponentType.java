package io.agentmesh.verticles.ecs.engine;

/**
 * A kind of component, stored as primitive columns: {@code floats} float fields, {@code ints} int fields and
 * {@code longs} long fields per entity. With a {@code stride} above 1, each field is a bounded list of that many
 * values per entity, kept together ({@code column[row * stride + k]}): a search through one entity's list (recent
 * contacts) reads one or two cache lines instead of one per value. Ids are small and dense (a bit each in an
 * archetype's mask), so a world has at most 64 types.
 */
public record ComponentType(int id, String name, int floats, int ints, int longs, int stride) {

  public static final int MAX_TYPES = 64;

  /** A type of single values per field. */
  public ComponentType(int id, String name, int floats, int ints, int longs) {
    this(id, name, floats, ints, longs, 1);
  }

  public ComponentType {
    if (id < 0 || id >= MAX_TYPES) {
      throw new IllegalArgumentException("component id " + id + " outside 0.." + (MAX_TYPES - 1));
    }
    if (floats < 0 || ints < 0 || longs < 0 || stride < 1) {
      throw new IllegalArgumentException("negative field count or stride below 1 in " + name);
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
