package io.agentmesh.verticles.ecs.world;

import io.agentmesh.verticles.ecs.engine.EntityStore;
import io.agentmesh.verticles.ecs.engine.StoreSnapshot;
import io.agentmesh.verticles.ecs.engine.WorldRandom;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A world between two ticks in a compact binary form: a magic number and a format version first (a newer node
 * reads every older version it knows; an unknown one is refused, never guessed), then the tick, the random state,
 * the food and the entity store. Restored and run on, it gives the same world hashes as the original run.
 */
public final class WorldSnapshot {

  /** "ECSW". */
  private static final int MAGIC = 0x45435357;
  static final int VERSION = 1;

  private WorldSnapshot() {
  }

  public static byte[] write(World world) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 4 * world.food().cells().length
      + StoreSnapshot.estimatedBytes(world.store()));
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeLong(world.tickCount());
      for (long word : world.random().state()) {
        out.writeLong(word);
      }
      float[] food = world.food().cells();
      out.writeInt(food.length);
      for (float value : food) {
        out.writeFloat(value);
      }
      StoreSnapshot.write(world.store(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return bytes.toByteArray();
  }

  /** The world a snapshot holds, under {@code settings} (the same rules it ran under). */
  public static World read(byte[] snapshot, WorldSettings settings) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot));
    if (in.readInt() != MAGIC) {
      throw new IOException("not a world snapshot");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException("world snapshot format " + version + " is not one this node reads (it reads "
        + VERSION + ")");
    }
    long tick = in.readLong();
    WorldRandom random = new WorldRandom(0);
    random.restore(new long[] {in.readLong(), in.readLong(), in.readLong(), in.readLong()});
    float[] food = new float[in.readInt()];
    for (int c = 0; c < food.length; c++) {
      food[c] = in.readFloat();
    }
    EntityStore store = StoreSnapshot.read(in, Components.ALL);
    World world = new World(settings, store, random, tick);
    if (food.length != world.food().cells().length) {
      throw new IOException("the snapshot's food grid does not fit this world's map");
    }
    System.arraycopy(food, 0, world.food().cells(), 0, food.length);
    return world;
  }
}
