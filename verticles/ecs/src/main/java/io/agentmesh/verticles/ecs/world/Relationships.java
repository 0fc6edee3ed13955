package io.agentmesh.verticles.ecs.world;

/**
 * Affinity to recent contacts, a bounded list per entity in {@link Components#RELATIONSHIPS}, kept together
 * ({@code others[row * SLOTS + k]}, {@code affinity[row * SLOTS + k]}): a contact already known gains affinity; a new
 * one takes the first free slot (slots fill in order; a free one holds no entity, 0), or the slot of the weakest tie.
 */
public final class Relationships {

  public static final int SLOTS = 8;

  private Relationships() {
  }

  /** Adds {@code delta} to the affinity of {@code row} for {@code other} (clamped to [-1, 1]). */
  public static void meet(float[] affinity, long[] others, int row, long other, float delta) {
    int base = row * SLOTS;
    int weakest = base;
    int slot = -1;
    for (int i = base; i < base + SLOTS; i++) {
      long known = others[i];
      if (known == other) {
        affinity[i] = Math.max(-1f, Math.min(1f, affinity[i] + delta));
        return;
      }
      if (known == 0) {
        slot = i;
        break;
      }
      if (Math.abs(affinity[i]) < Math.abs(affinity[weakest])) {
        weakest = i;
      }
    }
    slot = slot < 0 ? weakest : slot;
    others[slot] = other;
    affinity[slot] = Math.max(-1f, Math.min(1f, delta));
  }

  /** How many contacts {@code row} holds. */
  public static int count(long[] others, int row) {
    int base = row * SLOTS;
    int n = 0;
    while (n < SLOTS && others[base + n] != 0) {
      n++;
    }
    return n;
  }
}
