package io.agentmesh.verticles.ecs.engine;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * An entity store in binary, exactly: the slot table (generations, and the free list in its order, which decides
 * the ids of future spawns), then every archetype in the store's order with its rows and columns. Read back, the
 * store goes on as the original would have. The caller frames it with a format version.
 */
public final class StoreSnapshot {

  private StoreSnapshot() {
  }

  /** The bytes {@link #write} writes for {@code store}. */
  public static int bytes(EntityStore store) {
    long bytes = 12 + 4L * store.slots() + 4L * store.freeCount();
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
    if (bytes > Integer.MAX_VALUE - 1024) {
      throw new IllegalStateException("a store of " + bytes + " bytes is too big for one snapshot");
    }
    return (int) bytes;
  }

  /**
   * Writes the store into {@code out} (big-endian, as a {@code DataOutputStream} would: the format does not depend on
   * how it is written); columns go in bulk. {@code out} must have room for {@link #bytes}.
   */
  public static void write(EntityStore store, ByteBuffer out) {
    out.putInt(store.slots());
    for (int index = 0; index < store.slots(); index++) {
      out.putInt(store.generation(index));
    }
    int[] free = store.freeSlots();
    out.putInt(free.length);
    out.asIntBuffer().put(free);
    out.position(out.position() + 4 * free.length);
    out.putInt(store.archetypes().size());
    for (Archetype at : store.archetypes()) {
      out.putLong(at.mask());
      out.putInt(at.size());
      out.asLongBuffer().put(at.entities(), 0, at.size());
      out.position(out.position() + 8 * at.size());
      for (int id = 0; id < ComponentType.MAX_TYPES; id++) {
        if ((at.mask() & (1L << id)) != 0) {
          writeColumns(at, store.type(id), out);
        }
      }
    }
  }

  /** The store {@code in} holds at its position; a truncated or inconsistent one is an {@link IOException}. */
  public static EntityStore read(ByteBuffer in, List<ComponentType> types) throws IOException {
    try {
      EntityStore store = new EntityStore(types);
      int[] generations = new int[in.getInt()];
      in.asIntBuffer().get(generations);
      in.position(in.position() + 4 * generations.length);
      int[] free = new int[in.getInt()];
      in.asIntBuffer().get(free);
      in.position(in.position() + 4 * free.length);
      store.restoreSlots(generations, free);
      int archetypes = in.getInt();
      for (int a = 0; a < archetypes; a++) {
        Archetype at = store.archetypeFor(in.getLong());
        int size = in.getInt();
        for (int row = 0; row < size; row++) {
          long id = in.getLong();
          store.place(id, at, at.add(id));
        }
        for (int id = 0; id < ComponentType.MAX_TYPES; id++) {
          if ((at.mask() & (1L << id)) != 0) {
            readColumns(at, store.type(id), in);
          }
        }
      }
      return store;
    } catch (BufferUnderflowException | NegativeArraySizeException | IllegalArgumentException e) {
      throw new IOException("the snapshot is truncated or damaged", e);
    }
  }

  private static void writeColumns(Archetype at, ComponentType type, ByteBuffer out) {
    int n = at.size() * type.stride();
    for (float[] column : at.floats(type)) {
      out.asFloatBuffer().put(column, 0, n);
      out.position(out.position() + 4 * n);
    }
    for (int[] column : at.ints(type)) {
      out.asIntBuffer().put(column, 0, n);
      out.position(out.position() + 4 * n);
    }
    for (long[] column : at.longs(type)) {
      out.asLongBuffer().put(column, 0, n);
      out.position(out.position() + 8 * n);
    }
  }

  private static void readColumns(Archetype at, ComponentType type, ByteBuffer in) {
    int n = at.size() * type.stride();
    for (float[] column : at.floats(type)) {
      in.asFloatBuffer().get(column, 0, n);
      in.position(in.position() + 4 * n);
    }
    for (int[] column : at.ints(type)) {
      in.asIntBuffer().get(column, 0, n);
      in.position(in.position() + 4 * n);
    }
    for (long[] column : at.longs(type)) {
      in.asLongBuffer().get(column, 0, n);
      in.position(in.position() + 8 * n);
    }
  }
}
