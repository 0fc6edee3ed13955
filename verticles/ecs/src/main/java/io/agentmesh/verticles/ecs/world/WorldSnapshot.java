package io.agentmesh.verticles.ecs.world;

import io.agentmesh.verticles.ecs.engine.EntityStore;
import io.agentmesh.verticles.ecs.engine.StoreSnapshot;
import io.agentmesh.verticles.ecs.engine.WorldRandom;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * A world between two ticks in a compact binary form: a magic number and a format version first (a newer node
 * reads every older version it knows; an unknown one is refused, never guessed), then the tick, the random state,
 * the food and the entity store. Restored and run on, it gives the same world hashes as the original run.
 */
public final class WorldSnapshot {

  /** "ECSW". */
  private static final int MAGIC = 0x45435357;
  static final int VERSION = 1;
  /** Magic, version, tick, the random state (four longs), the food's length. */
  private static final int HEADER_BYTES = 4 + 4 + 8 + 32 + 4;

  private WorldSnapshot() {
  }

  public static byte[] write(World world) {
    float[] food = world.food().cells();
    ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + 4 * food.length + StoreSnapshot.bytes(world.store()));
    out.putInt(MAGIC);
    out.putInt(VERSION);
    out.putLong(world.tickCount());
    for (long word : world.random().state()) {
      out.putLong(word);
    }
    out.putInt(food.length);
    out.asFloatBuffer().put(food);
    out.position(out.position() + 4 * food.length);
    StoreSnapshot.write(world.store(), out);
    return out.array();
  }

  /** The world a snapshot holds, under {@code settings} (the same rules it ran under). */
  public static World read(byte[] snapshot, WorldSettings settings) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(snapshot);
    try {
      if (in.getInt() != MAGIC) {
        throw new IOException("not a world snapshot");
      }
      int version = in.getInt();
      if (version != VERSION) {
        throw new IOException("world snapshot format " + version + " is not one this node reads (it reads "
          + VERSION + ")");
      }
      long tick = in.getLong();
      WorldRandom random = new WorldRandom(0);
      random.restore(new long[] {in.getLong(), in.getLong(), in.getLong(), in.getLong()});
      float[] food = new float[in.getInt()];
      in.asFloatBuffer().get(food);
      in.position(in.position() + 4 * food.length);
      EntityStore store = StoreSnapshot.read(in, Components.ALL);
      World world = new World(settings, store, random, tick);
      if (food.length != world.food().cells().length) {
        throw new IOException("the snapshot's food grid does not fit this world's map");
      }
      System.arraycopy(food, 0, world.food().cells(), 0, food.length);
      return world;
    } catch (BufferUnderflowException | NegativeArraySizeException e) {
      throw new IOException("the snapshot is truncated or damaged", e);
    }
  }
}
