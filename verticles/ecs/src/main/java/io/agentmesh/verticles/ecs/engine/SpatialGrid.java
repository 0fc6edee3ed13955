package io.agentmesh.verticles.ecs.engine;

import java.util.Arrays;

/**
 * Who is near whom on a toroidal map, rebuilt each tick in three passes (count per cell, prefix sums, fill), so a
 * neighbour search reads a few cells instead of every entity. Entries are kept sorted by cell with a copy of their
 * position: a search walks contiguous arrays. Arrays grow to the largest population seen and are reused.
 */
public final class SpatialGrid {

  private final float width;
  private final float height;
  private final float cell;
  private final int columns;
  private final int rows;
  private final int[] start;
  private long[] ids = new long[0];
  private float[] xs = new float[0];
  private float[] ys = new float[0];
  private int[] cellOf = new int[0];
  private int size;

  /** A map of {@code width} by {@code height}, wrapping at both edges, in square cells of side {@code cell}. */
  public SpatialGrid(float width, float height, float cell) {
    this.width = width;
    this.height = height;
    this.cell = cell;
    this.columns = Math.max(1, (int) Math.ceil(width / cell));
    this.rows = Math.max(1, (int) Math.ceil(height / cell));
    this.start = new int[columns * rows + 1];
  }

  /** Indexes every entity of {@code query} by its position (fields 0 and 1 of {@code position}). */
  public void rebuild(Query query, ComponentType position) {
    int count = query.count();
    ensure(count);
    Arrays.fill(start, 0);
    int n = 0;
    for (Archetype archetype : query.archetypes()) {
      float[][] p = archetype.floats(position);
      for (int row = 0; row < archetype.size(); row++) {
        int c = cellAt(p[0][row], p[1][row]);
        cellOf[n++] = c;
        start[c + 1]++;
      }
    }
    for (int c = 0; c < columns * rows; c++) {
      start[c + 1] += start[c];
    }
    n = 0;
    for (Archetype archetype : query.archetypes()) {
      float[][] p = archetype.floats(position);
      long[] entities = archetype.entities();
      for (int row = 0; row < archetype.size(); row++) {
        int at = start[cellOf[n++]]++;
        ids[at] = entities[row];
        xs[at] = p[0][row];
        ys[at] = p[1][row];
      }
    }
    for (int c = columns * rows; c > 0; c--) { // the fill moved each start to the next cell's: shift back
      start[c] = start[c - 1];
    }
    start[0] = 0;
    size = count;
  }

  /** Tells {@code visitor} every indexed entity within {@code radius} of (x, y), distance measured across edges. */
  public void near(float x, float y, float radius, Visitor visitor) {
    int reach = (int) Math.ceil(radius / cell);
    int cx = column(x);
    int cy = row(y);
    int spanX = Math.min(columns, 2 * reach + 1);
    int spanY = Math.min(rows, 2 * reach + 1);
    float r2 = radius * radius;
    for (int dy = 0; dy < spanY; dy++) {
      int gy = Math.floorMod(cy - reach + dy, rows);
      for (int dx = 0; dx < spanX; dx++) {
        int c = gy * columns + Math.floorMod(cx - reach + dx, columns);
        for (int i = start[c]; i < start[c + 1]; i++) {
          float ddx = wrapped(xs[i] - x, width);
          float ddy = wrapped(ys[i] - y, height);
          float d2 = ddx * ddx + ddy * ddy;
          if (d2 <= r2) {
            visitor.visit(ids[i], xs[i], ys[i], d2);
          }
        }
      }
    }
  }

  /** Entities indexed by the last rebuild. */
  public int size() {
    return size;
  }

  /** The shorter way across a wrapping axis of length {@code length}. */
  public static float wrapped(float delta, float length) {
    float d = delta % length;
    if (d > length / 2) {
      return d - length;
    }
    return d < -length / 2 ? d + length : d;
  }

  /** Told each entity near a point: its id, position and squared distance. */
  @FunctionalInterface
  public interface Visitor {
    void visit(long id, float x, float y, float distanceSquared);
  }

  private int cellAt(float x, float y) {
    return row(y) * columns + column(x);
  }

  private int column(float x) {
    return Math.floorMod((int) Math.floor(x / cell), columns);
  }

  private int row(float y) {
    return Math.floorMod((int) Math.floor(y / cell), rows);
  }

  private void ensure(int count) {
    if (ids.length < count) {
      int capacity = Math.max(count, ids.length * 2);
      ids = new long[capacity];
      xs = new float[capacity];
      ys = new float[capacity];
      cellOf = new int[capacity];
    }
  }
}
