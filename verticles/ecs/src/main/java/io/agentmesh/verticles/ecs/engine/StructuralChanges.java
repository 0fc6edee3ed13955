package io.agentmesh.verticles.ecs.engine;

import java.util.Arrays;

/**
 * Spawns, deaths and component changes asked for during a tick, applied in the order asked at its end, so no
 * system sees an archetype change under its loop. A spawn gets its id when applied, and whoever applies the changes
 * is told it (to set its fields, or record a child with its parents). Buffers grow to the busiest tick's size and
 * are reused: a steady world allocates nothing here.
 */
public final class StructuralChanges {

  private static final byte SPAWN = 1;
  private static final byte DESPAWN = 2;
  private static final byte ADD = 3;
  private static final byte REMOVE = 4;

  private final EntityStore store;
  private byte[] ops = new byte[256];
  private long[] args = new long[256];
  private int count;

  public StructuralChanges(EntityStore store) {
    this.store = store;
  }

  /** An entity with these types, every field zero, from the end of this tick. */
  public void spawn(long mask) {
    push(SPAWN, mask);
  }

  public void despawn(long id) {
    push(DESPAWN, id);
  }

  public void add(long id, ComponentType type) {
    push(ADD, id);
    push(ADD, type.id());
  }

  public void remove(long id, ComponentType type) {
    push(REMOVE, id);
    push(REMOVE, type.id());
  }

  /** Changes waiting for the end of the tick. */
  public boolean isEmpty() {
    return count == 0;
  }

  /** Applies every change in order; {@code spawned} is told each new entity (to set its fields). */
  public void apply(Spawned spawned) {
    int i = 0;
    while (i < count) {
      switch (ops[i]) {
        case SPAWN -> spawned.at(store.spawn(args[i++]));
        case DESPAWN -> store.despawn(args[i++]);
        case ADD -> {
          store.add(args[i], store.type((int) args[i + 1]));
          i += 2;
        }
        default -> {
          store.remove(args[i], store.type((int) args[i + 1]));
          i += 2;
        }
      }
    }
    count = 0;
  }

  /** Told each entity a change spawned, in the order asked. */
  @FunctionalInterface
  public interface Spawned {
    void at(long id);
  }

  private void push(byte op, long arg) {
    if (count == ops.length) {
      ops = Arrays.copyOf(ops, count * 2);
      args = Arrays.copyOf(args, count * 2);
    }
    ops[count] = op;
    args[count++] = arg;
  }
}
