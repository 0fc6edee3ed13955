package io.agentmesh.verticles.ecs.world;

import io.agentmesh.verticles.ecs.engine.Archetype;
import io.agentmesh.verticles.ecs.engine.EntityStore;

import java.util.Arrays;

/**
 * The children conceived during a tick, waiting for the end of it to exist: who their parents are, where they are
 * born and their traits. Each is placed, in the order conceived, as the tick's changes spawn it. Buffers are reused.
 */
final class Births {

  private final EntityStore store;
  private final TickEvents events;
  private long[] parents = new long[32];
  private float[] places = new float[32];
  private float[] genomes = new float[16 * Traits.COUNT];
  private int[] generations = new int[16];
  private long[] ticks = new long[16];
  private int count;
  private int placed;

  Births(EntityStore store, TickEvents events) {
    this.store = store;
    this.events = events;
  }

  /** Records a child; its traits are read from {@code genome}. */
  void conceive(long parentA, long parentB, float x, float y, float[] genome, int generation, long tick) {
    if (count == generations.length) {
      int capacity = count * 2;
      parents = Arrays.copyOf(parents, capacity * 2);
      places = Arrays.copyOf(places, capacity * 2);
      genomes = Arrays.copyOf(genomes, capacity * Traits.COUNT);
      generations = Arrays.copyOf(generations, capacity);
      ticks = Arrays.copyOf(ticks, capacity);
    }
    parents[2 * count] = parentA;
    parents[2 * count + 1] = parentB;
    places[2 * count] = x;
    places[2 * count + 1] = y;
    System.arraycopy(genome, 0, genomes, count * Traits.COUNT, Traits.COUNT);
    generations[count] = generation;
    ticks[count] = tick;
    count++;
  }

  /** Children waiting for the end of the tick. */
  int pending() {
    return count - placed;
  }

  /** Gives the next conceived child's fields to the entity just spawned for it. */
  void place(long id) {
    Archetype at = store.archetypeOf(id);
    int row = store.rowOf(id);
    int i = placed++;
    float[][] genome = at.floats(Components.GENOME);
    for (int trait = 0; trait < Traits.COUNT; trait++) {
      genome[trait][row] = genomes[i * Traits.COUNT + trait];
    }
    at.floats(Components.POSITION)[0][row] = places[2 * i];
    at.floats(Components.POSITION)[1][row] = places[2 * i + 1];
    at.floats(Components.ENERGY)[0][row] = 0.8f;
    long[][] lineage = at.longs(Components.LINEAGE);
    lineage[0][row] = parents[2 * i];
    lineage[1][row] = parents[2 * i + 1];
    lineage[2][row] = ticks[i];
    at.ints(Components.LINEAGE)[0][row] = generations[i];
    events.record(TickEvents.BORN, ticks[i], id, parents[2 * i], parents[2 * i + 1]);
    if (placed == count) {
      placed = 0;
      count = 0;
    }
  }
}
