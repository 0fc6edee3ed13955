package io.agentmesh.verticles.ecs.world;

import java.util.Arrays;

/**
 * The notable events of the ticks since the last {@link #clear}: births (with both parents), deaths (with their
 * cause) and matings, in the order they happened. Kept in reused primitive arrays: a tick records without allocating
 * once they have grown to the world's pace.
 */
public final class TickEvents {

  public static final int BORN = 1;
  public static final int DIED = 2;
  public static final int MATED = 3;
  /** A death's cause (in {@link #detail}). */
  public static final int STARVED = 1;
  public static final int OLD_AGE = 2;

  private int[] kinds = new int[64];
  private long[] ticks = new long[64];
  private long[] entities = new long[64];
  private long[] others = new long[64];
  private long[] details = new long[64];
  private int count;

  void record(int kind, long tick, long entity, long other, long detail) {
    if (count == kinds.length) {
      int capacity = count * 2;
      kinds = Arrays.copyOf(kinds, capacity);
      ticks = Arrays.copyOf(ticks, capacity);
      entities = Arrays.copyOf(entities, capacity);
      others = Arrays.copyOf(others, capacity);
      details = Arrays.copyOf(details, capacity);
    }
    kinds[count] = kind;
    ticks[count] = tick;
    entities[count] = entity;
    others[count] = other;
    details[count++] = detail;
  }

  public int size() {
    return count;
  }

  public int kind(int i) {
    return kinds[i];
  }

  public long tick(int i) {
    return ticks[i];
  }

  public long entity(int i) {
    return entities[i];
  }

  /** Born: the first parent; mated: the partner; died: 0. */
  public long other(int i) {
    return others[i];
  }

  /** Born: the second parent; died: the cause; mated: 0. */
  public long detail(int i) {
    return details[i];
  }

  public void clear() {
    count = 0;
  }
}
