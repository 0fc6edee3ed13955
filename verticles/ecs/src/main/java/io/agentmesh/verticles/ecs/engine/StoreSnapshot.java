package io.agentmesh.verticles.ecs.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * An entity store in binary, exactly: the slot table (generations, and the free list in its order, which decides
 * the ids of future spawns), then every archetype in the store's order with its rows and columns. Read back, the
 * store goes on as the original would have. The caller frames it with a format version.
 */
public final class StoreSnapshot {

  private StoreSnapshot() {
  }

  /** About how many bytes {@link #write} writes for {@code store}: a buffer of this size need not grow. */
  public static int estimatedBytes(EntityStore store) {
    long bytes = 64 + 8L * store.slots();
    for (Archetype at : store.archetypes()) {
      long perRow = 8;
      for (int id = 0; id < ComponentType.MAX_TYPES; id++) {
        if ((at.mask() & (1L << id)) != 0) {
          ComponentType type = store.type(id);
          perRow += (4L * type.floats() + 4L * type.ints() + 8L * type.longs()) * type.stride();
        }
      }
      bytes += 12 + perRow * at.size();
    }
    return (int) Math.min(Integer.MAX_VALUE - 64, bytes);
  }

  public static void write(EntityStore store, DataOutput out) throws IOException {
    out.writeInt(store.slots());
    for (int index = 0; index < store.slots(); index++) {
      out.writeInt(store.generation(index));
    }
    int[] free = store.freeSlots();
    out.writeInt(free.length);
    for (int index : free) {
      out.writeInt(index);
    }
    out.writeInt(store.archetypes().size());
    for (Archetype at : store.archetypes()) {
      out.writeLong(at.mask());
      out.writeInt(at.size());
      for (int row = 0; row < at.size(); row++) {
        out.writeLong(at.entities()[row]);
      }
      for (int id = 0; id < ComponentType.MAX_TYPES; id++) {
        if ((at.mask() & (1L << id)) != 0) {
          writeColumns(at, store.type(id), out);
        }
      }
    }
  }

  public static EntityStore read(DataInput in, List<ComponentType> types) throws IOException {
    EntityStore store = new EntityStore(types);
    int[] generations = new int[in.readInt()];
    for (int index = 0; index < generations.length; index++) {
      generations[index] = in.readInt();
    }
    int[] free = new int[in.readInt()];
    for (int i = 0; i < free.length; i++) {
      free[i] = in.readInt();
    }
    store.restoreSlots(generations, free);
    int archetypes = in.readInt();
    for (int a = 0; a < archetypes; a++) {
      Archetype at = store.archetypeFor(in.readLong());
      int size = in.readInt();
      for (int row = 0; row < size; row++) {
        long id = in.readLong();
        store.place(id, at, at.add(id));
      }
      for (int id = 0; id < ComponentType.MAX_TYPES; id++) {
        if ((at.mask() & (1L << id)) != 0) {
          readColumns(at, store.type(id), in);
        }
      }
    }
    return store;
  }

  private static void writeColumns(Archetype at, ComponentType type, DataOutput out) throws IOException {
    for (float[] column : at.floats(type)) {
      for (int row = 0; row < at.size() * type.stride(); row++) {
        out.writeFloat(column[row]);
      }
    }
    for (int[] column : at.ints(type)) {
      for (int row = 0; row < at.size() * type.stride(); row++) {
        out.writeInt(column[row]);
      }
    }
    for (long[] column : at.longs(type)) {
      for (int row = 0; row < at.size() * type.stride(); row++) {
        out.writeLong(column[row]);
      }
    }
  }

  private static void readColumns(Archetype at, ComponentType type, DataInput in) throws IOException {
    for (float[] column : at.floats(type)) {
      for (int row = 0; row < at.size() * type.stride(); row++) {
        column[row] = in.readFloat();
      }
    }
    for (int[] column : at.ints(type)) {
      for (int row = 0; row < at.size() * type.stride(); row++) {
        column[row] = in.readInt();
      }
    }
    for (long[] column : at.longs(type)) {
      for (int row = 0; row < at.size() * type.stride(); row++) {
        column[row] = in.readLong();
      }
    }
  }
}
