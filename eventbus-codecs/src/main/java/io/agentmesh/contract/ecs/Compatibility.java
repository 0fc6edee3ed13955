package io.agentmesh.contract.ecs;

import java.util.List;
import java.util.Map;

/**
 * Whether two entities may have offspring, and why. {@code distance}: the genetic distance (root mean square of the
 * trait differences, in [0, 1]) that must lie in [{@code minDistance}, {@code maxDistance}]; {@code score} in [0, 1]:
 * 0 when they may not, else highest midway in that range and raised by their mean fertility; {@code reasons}: why
 * not (empty when they may); {@code traitDifferences}: the absolute difference per trait.
 */
public record Compatibility(String id, String otherId, boolean compatible, double score, double distance,
                            double minDistance, double maxDistance, double meanFertility, List<String> reasons,
                            Map<String, Double> traitDifferences) {

  public Compatibility {
    reasons = List.copyOf(reasons);
    traitDifferences = Map.copyOf(traitDifferences);
  }
}
