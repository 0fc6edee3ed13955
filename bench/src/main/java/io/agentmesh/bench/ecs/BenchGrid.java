package io.agentmesh.bench.ecs;

import java.util.Arrays;

/**
 * A uniform grid over points by index (counting sort, rebuilt each tick) on the wrapping map: the spatial hash an
 * engine without one of its own needs for neighbour queries. The Dominion and Artemis versions use it; the platform's
 * engine uses its own {@code SpatialGrid}, built the same way.
 */
final class BenchGrid {

  private final float side;
  private final int cells;
  private final float perCell;
  private final int[] start;
  private final int[] next;
  private int[] order = new int[0];
  private float[] xs = new float[0];
  private float[] ys = new float[0];

  BenchGrid(float side, float radius) {
    this.side = side;
    this.cells = Math.max(1, (int) (side / radius));
    this.perCell = cells / side;
    this.start = new int[cells * cells + 1];
    this.next = new int[cells * cells + 1];
  }

  /** Indexes points 0..n-1 at xs[i], ys[i] (the arrays are kept, not copied). */
  void rebuild(float[] pointXs, float[] pointYs, int n) {
    xs = pointXs;
    ys = pointYs;
    if (order.length < n) {
      order = new int[n];
    }
    Arrays.fill(start, 0);
    for (int i = 0; i < n; i++) {
      start[cellOf(xs[i], ys[i]) + 1]++;
    }
    for (int c = 0; c < cells * cells; c++) {
      start[c + 1] += start[c];
    }
    System.arraycopy(start, 0, next, 0, start.length);
    for (int i = 0; i < n; i++) {
      order[next[cellOf(xs[i], ys[i])]++] = i;
    }
  }

  private int cellOf(float x, float y) {
    return index(y) * cells + index(x);
  }

  private int index(float position) {
    int i = (int) (position * perCell);
    return position >= 0 && i < cells ? i : Math.floorMod((int) Math.floor(position * perCell), cells);
  }

  /** The index of the {@code k}-th point in cell order: visiting points so reads memory the last visit read. */
  int inCellOrder(int k) {
    return order[k];
  }

  /** How many other points lie within {@code radius} of point {@code self} (radius at most a cell). */
  int neighbours(int self, float radius) {
    float x = xs[self];
    float y = ys[self];
    float limit = radius * radius;
    int firstColumn = index(x) == 0 ? cells - 1 : index(x) - 1;
    int row = index(y) == 0 ? cells - 1 : index(y) - 1;
    int count = 0;
    // the cells of one grid row are contiguous: three cells of a row are one range (two across the seam)
    for (int dr = 0; dr < 3; dr++, row = row + 1 == cells ? 0 : row + 1) {
      int base = row * cells;
      if (firstColumn + 3 <= cells) {
        count += count(start[base + firstColumn], start[base + firstColumn + 3], self, x, y, limit);
      } else {
        count += count(start[base + firstColumn], start[base + cells], self, x, y, limit);
        count += count(start[base], start[base + firstColumn + 3 - cells], self, x, y, limit);
      }
    }
    return count;
  }

  private int count(int from, int to, int self, float x, float y, float limit) {
    float half = side / 2;
    int count = 0;
    for (int k = from; k < to; k++) {
      int other = order[k];
      float dx = xs[other] - x;
      float dy = ys[other] - y;
      dx = dx > half ? dx - side : dx < -half ? dx + side : dx;
      dy = dy > half ? dy - side : dy < -half ? dy + side : dy;
      if (other != self && dx * dx + dy * dy <= limit) {
        count++;
      }
    }
    return count;
  }
}
