package io.agentmesh.verticles.ecs.world;

/** Recent experiences, a ring per entity in {@link Components#MEMORY}: the newest overwrite the oldest. */
public final class Memory {

  public static final int SLOTS = 8;
  public static final int MET = 1;
  public static final int MATED = 2;
  public static final int FED = 3;
  public static final int FOUGHT = 4;

  private Memory() {
  }

  /** Records an experience of {@code kind} with {@code other} (0: none) at {@code tick}. */
  public static void remember(int[][] ints, long[][] longs, int row, int kind, long other, long tick) {
    int next = ints[SLOTS][row];
    ints[next][row] = kind;
    longs[next][row] = other;
    longs[SLOTS + next][row] = tick;
    ints[SLOTS][row] = (next + 1) % SLOTS;
  }
}
