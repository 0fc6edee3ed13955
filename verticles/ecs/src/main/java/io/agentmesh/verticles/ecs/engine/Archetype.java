package io.agentmesh.verticles.ecs.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Every entity with exactly one set of component types, stored as a struct of arrays: a column per field of each
 * type ({@code floats(type)[field][row]}), rows dense from 0 to {@link #size()}, so a system walks contiguous
 * memory. Removing a row moves the last row into its place. Columns grow by doubling; once a world has reached its
 * size, nothing here allocates.
 */
public final class Archetype {

  private static final int INITIAL_CAPACITY = 64;

  private final long mask;
  private final List<ComponentType> types;
  private final float[][][] floats = new float[ComponentType.MAX_TYPES][][];
  private final int[][][] ints = new int[ComponentType.MAX_TYPES][][];
  private final long[][][] longs = new long[ComponentType.MAX_TYPES][][];
  private final int widest;
  private long[] entities = new long[INITIAL_CAPACITY];
  private int size;
  /** Scratch for {@link #permute}, grown with the archetype, so reordering allocates nothing once it has run. */
  private float[] floatScratch = new float[0];
  private int[] intScratch = new int[0];
  private long[] longScratch = new long[0];

  Archetype(long mask, List<ComponentType> types) {
    this.mask = mask;
    this.types = List.copyOf(types);
    this.widest = this.types.stream().mapToInt(ComponentType::stride).max().orElse(1);
    for (ComponentType type : this.types) {
      floats[type.id()] = new float[type.floats()][INITIAL_CAPACITY * type.stride()];
      ints[type.id()] = new int[type.ints()][INITIAL_CAPACITY * type.stride()];
      longs[type.id()] = new long[type.longs()][INITIAL_CAPACITY * type.stride()];
    }
  }

  /** The bits of this archetype's component types. */
  public long mask() {
    return mask;
  }

  public boolean has(ComponentType type) {
    return (mask & type.bit()) != 0;
  }

  /** Rows in use: rows 0 to size - 1 hold entities. */
  public int size() {
    return size;
  }

  /** The entity id of each row (valid up to {@link #size()}). */
  public long[] entities() {
    return entities;
  }

  /** The float columns of {@code type}: {@code [field][row]}. */
  public float[][] floats(ComponentType type) {
    return column(floats[type.id()], type);
  }

  /** The int columns of {@code type}: {@code [field][row]}. */
  public int[][] ints(ComponentType type) {
    return column(ints[type.id()], type);
  }

  /** The long columns of {@code type}: {@code [field][row]}. */
  public long[][] longs(ComponentType type) {
    return column(longs[type.id()], type);
  }

  private <T> T column(T columns, ComponentType type) {
    if (columns == null) {
      throw new IllegalArgumentException("archetype has no " + type.name());
    }
    return columns;
  }

  /** Appends a row for {@code entity}, every field zero; answers the row. */
  int add(long entity) {
    if (size == entities.length) {
      grow(size * 2);
    }
    entities[size] = entity;
    return size++;
  }

  /**
   * Removes {@code row}: the last row moves into it (its fields and entity) and is cleared. Answers the entity that
   * moved, or 0 if the removed row was the last.
   */
  long remove(int row) {
    int last = size - 1;
    long moved = 0;
    if (row != last) {
      moved = entities[last];
      entities[row] = moved;
      for (ComponentType type : types) {
        if (type.stride() == 1) {
          move(floats[type.id()], ints[type.id()], longs[type.id()], last, row);
        } else {
          copy(floats[type.id()], floats[type.id()], last, row, type.stride());
          copy(ints[type.id()], ints[type.id()], last, row, type.stride());
          copy(longs[type.id()], longs[type.id()], last, row, type.stride());
        }
      }
    }
    clear(last);
    size = last;
    return moved;
  }

  /**
   * Puts the rows in a new order: row {@code k} afterwards is row {@code order[k]} before ({@code order} holds each
   * row once). Systems walk rows in order, so rows of entities that are near each other on the map, put next to each
   * other, make a neighbour search read memory it has just read.
   */
  void permute(int[] order) {
    if (floatScratch.length < size * widest) {
      floatScratch = new float[entities.length * widest];
      intScratch = new int[entities.length * widest];
      longScratch = new long[entities.length * widest];
    }
    System.arraycopy(entities, 0, longScratch, 0, size);
    for (int k = 0; k < size; k++) {
      entities[k] = longScratch[order[k]];
    }
    for (ComponentType type : types) {
      int stride = type.stride();
      for (float[] column : floats[type.id()]) {
        System.arraycopy(column, 0, floatScratch, 0, size * stride);
        for (int k = 0; k < size; k++) {
          if (stride == 1) {
            column[k] = floatScratch[order[k]];
          } else {
            System.arraycopy(floatScratch, order[k] * stride, column, k * stride, stride);
          }
        }
      }
      for (int[] column : ints[type.id()]) {
        System.arraycopy(column, 0, intScratch, 0, size * stride);
        for (int k = 0; k < size; k++) {
          if (stride == 1) {
            column[k] = intScratch[order[k]];
          } else {
            System.arraycopy(intScratch, order[k] * stride, column, k * stride, stride);
          }
        }
      }
      for (long[] column : longs[type.id()]) {
        System.arraycopy(column, 0, longScratch, 0, size * stride);
        for (int k = 0; k < size; k++) {
          if (stride == 1) {
            column[k] = longScratch[order[k]];
          } else {
            System.arraycopy(longScratch, order[k] * stride, column, k * stride, stride);
          }
        }
      }
    }
  }

  /** Copies the fields of the types both archetypes have, from {@code row} here to {@code toRow} there. */
  void copyShared(int row, Archetype to, int toRow) {
    for (ComponentType type : types) {
      if (to.has(type)) {
        copy(floats[type.id()], to.floats[type.id()], row, toRow, type.stride());
        copy(ints[type.id()], to.ints[type.id()], row, toRow, type.stride());
        copy(longs[type.id()], to.longs[type.id()], row, toRow, type.stride());
      }
    }
  }

  private static void move(float[][] f, int[][] i, long[][] l, int from, int to) {
    for (float[] column : f) {
      column[to] = column[from];
    }
    for (int[] column : i) {
      column[to] = column[from];
    }
    for (long[] column : l) {
      column[to] = column[from];
    }
  }

  private static void copy(Object[] from, Object[] to, int row, int toRow, int stride) {
    for (int field = 0; field < from.length; field++) {
      System.arraycopy(from[field], row * stride, to[field], toRow * stride, stride);
    }
  }

  private void clear(int row) {
    entities[row] = 0;
    for (ComponentType type : types) {
      int from = row * type.stride();
      int to = from + type.stride();
      for (float[] column : floats[type.id()]) {
        Arrays.fill(column, from, to, 0f);
      }
      for (int[] column : ints[type.id()]) {
        Arrays.fill(column, from, to, 0);
      }
      for (long[] column : longs[type.id()]) {
        Arrays.fill(column, from, to, 0L);
      }
    }
  }

  private void grow(int capacity) {
    entities = Arrays.copyOf(entities, capacity);
    for (ComponentType type : types) {
      int length = capacity * type.stride();
      float[][] f = floats[type.id()];
      for (int field = 0; field < f.length; field++) {
        f[field] = Arrays.copyOf(f[field], length);
      }
      int[][] i = ints[type.id()];
      for (int field = 0; field < i.length; field++) {
        i[field] = Arrays.copyOf(i[field], length);
      }
      long[][] l = longs[type.id()];
      for (int field = 0; field < l.length; field++) {
        l[field] = Arrays.copyOf(l[field], length);
      }
    }
  }
}
