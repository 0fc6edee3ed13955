package io.agentmesh.verticles.ecs.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entities of a world and their components: a slot per entity (its generation, archetype and row) and an
 * archetype per set of component types. Structural changes (spawn, despawn, add or remove a type) move rows between
 * archetypes; systems apply them between ticks through {@link StructuralChanges}. One thread only: the tick loop's.
 */
public final class EntityStore {

  private final ComponentType[] types;
  private final Map<Long, Archetype> byMask = new HashMap<>();
  private final List<Archetype> archetypes = new ArrayList<>();
  private int[] generations = new int[1024];
  private Archetype[] archetypeOf = new Archetype[1024];
  private int[] rowOf = new int[1024];
  private int[] free = new int[1024];
  private int freeCount;
  private int slots;
  private int alive;

  /** {@code types}: every component type of the world, each at the index of its id. */
  public EntityStore(List<ComponentType> types) {
    this.types = new ComponentType[types.size()];
    for (ComponentType type : types) {
      if (type.id() >= this.types.length || this.types[type.id()] != null) {
        throw new IllegalArgumentException("component ids must be 0.." + (types.size() - 1) + ", each once");
      }
      this.types[type.id()] = type;
    }
  }

  /** A new entity with the given component types, every field zero. */
  public long spawn(long mask) {
    int index = freeCount > 0 ? free[--freeCount] : newSlot();
    if (generations[index] == 0) {
      generations[index] = 1;
    }
    long id = EntityIds.of(index, generations[index]);
    Archetype archetype = archetype(mask);
    archetypeOf[index] = archetype;
    rowOf[index] = archetype.add(id);
    alive++;
    return id;
  }

  /** Removes the entity; its id (and any copy of it) is dead from now on. False if it already was. */
  public boolean despawn(long id) {
    if (!isAlive(id)) {
      return false;
    }
    int index = EntityIds.index(id);
    detach(index);
    archetypeOf[index] = null;
    generations[index]++;
    if (generations[index] == 0) {
      generations[index] = 1; // after 2^32 reuses; an id that old is long gone
    }
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, free.length * 2);
    }
    free[freeCount++] = index;
    alive--;
    return true;
  }

  /** Gives the entity {@code type} (fields zero), keeping its other components. False if dead or already there. */
  public boolean add(long id, ComponentType type) {
    return isAlive(id) && !archetypeOf[EntityIds.index(id)].has(type) && move(id, archetypeOf[EntityIds.index(id)]
      .mask() | type.bit());
  }

  /** Takes {@code type} from the entity, keeping its other components. False if dead or not there. */
  public boolean remove(long id, ComponentType type) {
    return isAlive(id) && archetypeOf[EntityIds.index(id)].has(type) && move(id, archetypeOf[EntityIds.index(id)]
      .mask() & ~type.bit());
  }

  public boolean isAlive(long id) {
    int index = EntityIds.index(id);
    return index >= 0 && index < slots && archetypeOf[index] != null && generations[index] == EntityIds.generation(id);
  }

  /** The archetype holding a live entity (its columns), or null if the id is dead. */
  public Archetype archetypeOf(long id) {
    return isAlive(id) ? archetypeOf[EntityIds.index(id)] : null;
  }

  /**
   * Reorders the rows of {@code archetype}: row {@code k} afterwards is row {@code order[k]} before. Ids stay as they
   * are; only where an entity's fields live changes. Between ticks only (systems hold rows while they run).
   */
  public void reorder(Archetype archetype, int[] order) {
    archetype.permute(order);
    long[] entities = archetype.entities();
    for (int row = 0; row < archetype.size(); row++) {
      rowOf[EntityIds.index(entities[row])] = row;
    }
  }

  /** The row of a live entity in {@link #archetypeOf}. */
  public int rowOf(long id) {
    return rowOf[EntityIds.index(id)];
  }

  public int size() {
    return alive;
  }

  /** Every archetype, in the order they were first needed (stable: queries and hashes walk it in this order). */
  public List<Archetype> archetypes() {
    return archetypes;
  }

  /** The archetypes holding every type of {@code required}: what a system walks. */
  public Query query(long required) {
    return new Query(this, required);
  }

  public ComponentType type(int id) {
    return types[id];
  }

  // For StoreSnapshot: the slot table as it is, and put back as it was (the free list's order decides future ids).

  int slots() {
    return slots;
  }

  int generation(int index) {
    return generations[index];
  }

  /** How many slots are free for reuse. */
  int freeCount() {
    return freeCount;
  }

  int[] freeSlots() {
    return Arrays.copyOf(free, freeCount);
  }

  void restoreSlots(int[] slotGenerations, int[] freeSlots) {
    ensureSlots(slotGenerations.length);
    slots = slotGenerations.length;
    System.arraycopy(slotGenerations, 0, generations, 0, slots);
    free = Arrays.copyOf(freeSlots, Math.max(freeSlots.length, 16));
    freeCount = freeSlots.length;
  }

  Archetype archetypeFor(long mask) {
    return archetype(mask);
  }

  /** Records that {@code id} lives in {@code archetype} at {@code row} (a row already added there). */
  void place(long id, Archetype archetype, int row) {
    int index = EntityIds.index(id);
    archetypeOf[index] = archetype;
    rowOf[index] = row;
    alive++;
  }

  private boolean move(long id, long mask) {
    int index = EntityIds.index(id);
    Archetype from = archetypeOf[index];
    Archetype to = archetype(mask);
    int row = to.add(id);
    from.copyShared(rowOf[index], to, row);
    detach(index);
    archetypeOf[index] = to;
    rowOf[index] = row;
    return true;
  }

  /** Takes the entity's row out of its archetype, fixing the slot of the entity that moved into it. */
  private void detach(int index) {
    long moved = archetypeOf[index].remove(rowOf[index]);
    if (moved != 0) {
      rowOf[EntityIds.index(moved)] = rowOf[index];
    }
  }

  private Archetype archetype(long mask) {
    Archetype found = byMask.get(mask);
    if (found == null) {
      List<ComponentType> present = new ArrayList<>();
      for (ComponentType type : types) {
        if ((mask & type.bit()) != 0) {
          present.add(type);
        }
      }
      if (Long.bitCount(mask) != present.size()) {
        throw new IllegalArgumentException("mask names a component type this world does not have");
      }
      found = new Archetype(mask, present);
      byMask.put(mask, found);
      archetypes.add(found);
    }
    return found;
  }

  private int newSlot() {
    ensureSlots(slots + 1);
    return slots++;
  }

  private void ensureSlots(int needed) {
    if (needed > generations.length) {
      int capacity = Math.max(needed, generations.length * 2);
      generations = Arrays.copyOf(generations, capacity);
      archetypeOf = Arrays.copyOf(archetypeOf, capacity);
      rowOf = Arrays.copyOf(rowOf, capacity);
    }
  }
}
