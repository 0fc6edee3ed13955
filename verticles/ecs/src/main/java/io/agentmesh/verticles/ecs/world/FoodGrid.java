package io.agentmesh.verticles.ecs.world;

import java.util.Arrays;

/** Food on the map, per square cell: eaten by creatures on the cell, regrowing a little every tick up to a cap. */
public final class FoodGrid {

  private final float cell;
  private final int columns;
  private final int rows;
  private final float regrow;
  private final float max;
  private final float[] food;

  public FoodGrid(WorldSettings settings) {
    this.cell = settings.foodCell();
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

  private int cellAt(float x, float y) {
    int column = Math.floorMod((int) Math.floor(x / cell), columns);
    int row = Math.floorMod((int) Math.floor(y / cell), rows);
    return row * columns + column;
  }
}
