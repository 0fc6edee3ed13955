package io.agentmesh.verticles.ecs.world;

import io.agentmesh.verticles.ecs.engine.WorldRandom;

/**
 * Compatibility and offspring. Genetic distance is the root-mean-square difference of the traits, in [0, 1]. Two
 * creatures may mate when it lies between the settings' minimum (too alike) and maximum (too different). A child's
 * trait is one parent's or the other's (even odds), then, with the mutation rate's chance, moved by up to the
 * mutation size either way and kept in [0, 1]: so it always lies within [min(parents) - size, max(parents) + size].
 */
public final class Genetics {

  private Genetics() {
  }

  /** The genetic distance of two rows' genomes (the columns of {@link Components#GENOME}). */
  public static float distance(float[][] a, int rowA, float[][] b, int rowB) {
    float sum = 0;
    for (int trait = 0; trait < Traits.COUNT; trait++) {
      float d = a[trait][rowA] - b[trait][rowB];
      sum += d * d;
    }
    return (float) Math.sqrt(sum / Traits.COUNT);
  }

  /** Whether two genomes at this distance may mate under these rules. */
  public static boolean compatible(float distance, WorldSettings settings) {
    return distance >= settings.minDistance() && distance <= settings.maxDistance();
  }

  /** Writes a child's traits into {@code child} from two parents' rows. */
  public static void offspring(float[][] a, int rowA, float[][] b, int rowB, float[] child, WorldRandom random,
                               WorldSettings settings) {
    for (int trait = 0; trait < Traits.COUNT; trait++) {
      float value = (random.nextLong() & 1) == 0 ? a[trait][rowA] : b[trait][rowB];
      if (random.nextFloat() < settings.mutationRate()) {
        value += (random.nextFloat() * 2 - 1) * settings.mutationSize();
      }
      child[trait] = Math.max(0f, Math.min(1f, value));
    }
  }
}
