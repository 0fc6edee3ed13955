package io.agentmesh.verticles.ecs.world;

import io.agentmesh.verticles.ecs.engine.Archetype;
import io.agentmesh.verticles.ecs.engine.ComponentType;

/**
 * A 64-bit FNV-1a hash of a whole world: its tick, its random generator's state, its food and every entity's every
 * field, archetype by archetype in the store's order. Two runs are the same world exactly when their hashes agree.
 */
public final class WorldHash {

  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private long hash = OFFSET;

  private WorldHash() {
  }

  public static long of(World world) {
    WorldHash h = new WorldHash();
    h.add(world.tickCount());
    for (long word : world.random().state()) {
      h.add(word);
    }
    for (float value : world.food().cells()) {
      h.add(Float.floatToIntBits(value));
    }
    for (Archetype at : world.store().archetypes()) {
      h.add(at.mask());
      h.add(at.size());
      for (int row = 0; row < at.size(); row++) {
        h.add(at.entities()[row]);
      }
      for (ComponentType type : Components.ALL) {
        if (at.has(type)) {
          h.addColumns(at, type);
        }
      }
    }
    return h.hash;
  }

  private void addColumns(Archetype at, ComponentType type) {
    for (float[] column : at.floats(type)) {
      for (int row = 0; row < at.size() * type.stride(); row++) {
        add(Float.floatToIntBits(column[row]));
      }
    }
    for (int[] column : at.ints(type)) {
      for (int row = 0; row < at.size() * type.stride(); row++) {
        add(column[row]);
      }
    }
    for (long[] column : at.longs(type)) {
      for (int row = 0; row < at.size() * type.stride(); row++) {
        add(column[row]);
      }
    }
  }

  private void add(long value) {
    for (int i = 0; i < 8; i++) {
      hash ^= (value >>> (8 * i)) & 0xFF;
      hash *= PRIME;
    }
  }
}
