package io.agentmesh.verticles.ecs.world;

import java.util.Arrays;

/** Food on the map, per square cell: eaten by creatures on the cell, regrowing a little every tick up to a cap. */
public final class FoodGrid {

  private final float cell;
  /** Cells per map unit: a multiplication finds a cell where a division and a remainder would cost more. */
  private final float perCell;
  private final int columns;
  private final int rows;
  private final float regrow;
  private final float max;
  private final float[] food;

  public FoodGrid(WorldSettings settings) {
    this.cell = settings.foodCell();
    this.perCell = 1f / cell;
    this.columns = Math.max(1, (int) Math.ceil(settings.width() / cell));
    this.rows = Math.max(1, (int) Math.ceil(settings.height() / cell));
    this.regrow = settings.foodRegrow();
    this.max = settings.foodMax();
    this.food = new float[columns * rows];
    Arrays.fill(food, max / 2);
  }

  public void regrow() {
    for (int c = 0; c < food.length; c++) {
      food[c] = Math.min(max, food[c] + regrow);
    }
  }

  /** Takes up to {@code bite} from the cell at (x, y); answers what was taken. */
  public float eat(float x, float y, float bite) {
    int c = cellAt(x, y);
    float taken = Math.min(food[c], bite);
    food[c] -= taken;
    return taken;
  }

  /** The food in the cell at (x, y). */
  public float at(float x, float y) {
    return food[cellAt(x, y)];
  }

  public float cell() {
    return cell;
  }

  /** Every cell's food, row by row (the world hash and snapshots read it). */
  public float[] cells() {
    return food;
  }

  /** The cell at (x, y), positions off the map (a neighbour's cell across an edge) wrapped onto it. */
  private int cellAt(float x, float y) {
    return index(y, rows) * columns + index(x, columns);
  }

  private int index(float position, int count) {
    int i = (int) (position * perCell);
    if (position >= 0 && i < count) {
      return i;
    }
    return Math.floorMod((int) Math.floor(position * perCell), count);
  }
}
