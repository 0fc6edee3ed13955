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
  private final float cellWidth;
  private final float cellHeight;
  private final float halfWidth;
  private final float halfHeight;
  /** Cells per map unit: a multiplication finds a cell where a division would cost more. */
  private final float perWidth;
  private final float perHeight;
  private final int columns;
  private final int rows;
  private final int[] start;
  private long[] ids = new long[0];
  private float[] xs = new float[0];
  private float[] ys = new float[0];
  private int[] cellOf = new int[0];
  /** Where each indexed entity's fields are (valid until the tick's structural changes apply). */
  private Archetype[] homes = new Archetype[0];
  private int[] rowsOf = new int[0];
  private int[] orderStart = new int[0];
  private int size;

  /**
   * A map of {@code width} by {@code height}, wrapping at both edges, in cells of at least {@code cell} each way: a
   * whole number of them across, so the cells on either side of the seam are as wide as the rest (a narrower last
   * cell would hide a neighbour two cells away across the seam).
   */
  public SpatialGrid(float width, float height, float cell) {
    this.width = width;
    this.height = height;
    this.columns = Math.max(1, (int) (width / cell));
    this.rows = Math.max(1, (int) (height / cell));
    this.cellWidth = width / columns;
    this.cellHeight = height / rows;
    this.halfWidth = width / 2;
    this.halfHeight = height / 2;
    this.perWidth = columns / width;
    this.perHeight = rows / height;
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
        homes[at] = archetype;
        rowsOf[at] = row;
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
    int reachX = radius <= cellWidth ? 1 : (int) Math.ceil(radius / cellWidth);
    int reachY = radius <= cellHeight ? 1 : (int) Math.ceil(radius / cellHeight);
    int spanX = Math.min(columns, 2 * reachX + 1);
    int spanY = Math.min(rows, 2 * reachY + 1);
    int firstColumn = column(x) - reachX;
    firstColumn = firstColumn >= 0 ? firstColumn : Math.floorMod(firstColumn, columns);
    int gy = row(y) - reachY;
    gy = gy >= 0 ? gy : Math.floorMod(gy, rows);
    float r2 = radius * radius;
    // the cells of one grid row are contiguous in the index: a row's span is one range (two across the seam)
    for (int dy = 0; dy < spanY; dy++, gy = gy + 1 == rows ? 0 : gy + 1) {
      int base = gy * columns;
      int end = firstColumn + spanX;
      if (end <= columns) {
        scan(start[base + firstColumn], start[base + end], x, y, r2, visitor);
      } else {
        scan(start[base + firstColumn], start[base + columns], x, y, r2, visitor);
        scan(start[base], start[base + end - columns], x, y, r2, visitor);
      }
    }
  }

  private void scan(int from, int to, float x, float y, float r2, Visitor visitor) {
    for (int i = from; i < to; i++) {
      float ddx = shorter(xs[i] - x, width, halfWidth);
      float ddy = shorter(ys[i] - y, height, halfHeight);
      float d2 = ddx * ddx + ddy * ddy;
      if (d2 <= r2) {
        visitor.visit(ids[i], homes[i], rowsOf[i], d2);
      }
    }
  }

  /** {@link #wrapped} for a difference of two positions on the map (within one length), half the length given. */
  private static float shorter(float d, float length, float half) {
    if (d > half) {
      return d - length;
    }
    return d < -half ? d + length : d;
  }

  /**
   * Fills {@code order} with the rows of {@code archetype} sorted by the cell their position falls in (rows of one
   * cell in their current order), for {@link EntityStore#reorder}: rows near each other on the map end up next to
   * each other. {@code order} must hold the archetype's rows; answers how many it filled. Rebuild the index after.
   */
  public int cellOrder(Archetype archetype, ComponentType position, int[] order) {
    int n = archetype.size();
    if (orderStart.length != start.length) {
      orderStart = new int[start.length];
    }
    ensure(n);
    Arrays.fill(orderStart, 0);
    float[][] p = archetype.floats(position);
    for (int row = 0; row < n; row++) {
      int c = cellAt(p[0][row], p[1][row]);
      cellOf[row] = c;
      orderStart[c + 1]++;
    }
    for (int c = 0; c < columns * rows; c++) {
      orderStart[c + 1] += orderStart[c];
    }
    for (int row = 0; row < n; row++) {
      order[orderStart[cellOf[row]]++] = row;
    }
    return n;
  }

  /** Entities indexed by the last rebuild. */
  public int size() {
    return size;
  }

  /**
   * The shorter way across a wrapping axis of length {@code length}. A difference of two positions on the map lies
   * within (-length, length), where this equals the remainder's result without computing one (Java's float
   * remainder is a library call, tens of nanoseconds: it was most of a neighbour search).
   */
  public static float wrapped(float delta, float length) {
    float d = delta >= length || delta <= -length ? delta % length : delta;
    if (d > length / 2) {
      return d - length;
    }
    return d < -length / 2 ? d + length : d;
  }

  /**
   * Told each entity near a point: its id, where its fields are (archetype and row: no lookup by id, which would read
   * the store's index at random) and its squared distance.
   */
  @FunctionalInterface
  public interface Visitor {
    void visit(long id, Archetype archetype, int row, float distanceSquared);
  }

  private int cellAt(float x, float y) {
    return row(y) * columns + column(x);
  }

  private int column(float x) {
    int c = (int) (x * perWidth);
    return x >= 0 && c < columns ? c : Math.floorMod((int) Math.floor(x * perWidth), columns);
  }

  private int row(float y) {
    int r = (int) (y * perHeight);
    return y >= 0 && r < rows ? r : Math.floorMod((int) Math.floor(y * perHeight), rows);
  }

  private void ensure(int count) {
    if (ids.length < count) {
      int capacity = Math.max(count, ids.length * 2);
      ids = new long[capacity];
      xs = new float[capacity];
      ys = new float[capacity];
      cellOf = new int[capacity];
      homes = new Archetype[capacity];
      rowsOf = new int[capacity];
    }
  }
}
