package io.agentmesh.bench;

import java.util.List;

/** Nearest-rank percentiles of sorted samples, as every benchmark here reports them. */
public final class Percentiles {

  private Percentiles() {
  }

  /** The sample at {@code percentile} (1-100) of {@code sorted}; NaN when there is none. */
  public static double of(List<Double> sorted, int percentile) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
  }
}
