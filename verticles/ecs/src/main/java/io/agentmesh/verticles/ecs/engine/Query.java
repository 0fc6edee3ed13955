package io.agentmesh.verticles.ecs.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The archetypes that hold every type of a set: what a system walks, archetype by archetype and row by row. The
 * list is refreshed only when the store has gained archetypes since the last look, so a tick allocates nothing.
 */
public final class Query {

  private final EntityStore store;
  private final long required;
  private final List<Archetype> matching = new ArrayList<>();
  private int seen;

  Query(EntityStore store, long required) {
    this.store = store;
    this.required = required;
  }

  /** The matching archetypes now, in the store's order. */
  public List<Archetype> archetypes() {
    List<Archetype> all = store.archetypes();
    for (; seen < all.size(); seen++) {
      Archetype archetype = all.get(seen);
      if ((archetype.mask() & required) == required) {
        matching.add(archetype);
      }
    }
    return matching;
  }

  /** Entities matching now. */
  public int count() {
    int count = 0;
    for (Archetype archetype : archetypes()) {
      count += archetype.size();
    }
    return count;
  }
}
