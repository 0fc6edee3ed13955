package io.agentmesh.verticles.ecs.world;

/**
 * Affinity to recent contacts, a bounded list per entity in {@link Components#RELATIONSHIPS}: a contact already
 * known gains affinity; a new one takes a free slot, or the slot of the weakest tie.
 */
public final class Relationships {

  public static final int SLOTS = 8;

  private Relationships() {
  }

  /** Adds {@code delta} to the affinity of {@code row} for {@code other} (clamped to [-1, 1]). */
  public static void meet(float[][] affinity, long[][] others, int[][] count, int row, long other, float delta) {
    int n = count[0][row];
    int weakest = 0;
    for (int slot = 0; slot < n; slot++) {
      if (others[slot][row] == other) {
        affinity[slot][row] = Math.max(-1f, Math.min(1f, affinity[slot][row] + delta));
        return;
      }
      if (Math.abs(affinity[slot][row]) < Math.abs(affinity[weakest][row])) {
        weakest = slot;
      }
    }
    int slot = n < SLOTS ? n : weakest;
    if (n < SLOTS) {
      count[0][row] = n + 1;
    }
    others[slot][row] = other;
    affinity[slot][row] = Math.max(-1f, Math.min(1f, delta));
  }
}
