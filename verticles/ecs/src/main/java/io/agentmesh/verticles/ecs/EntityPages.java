package io.agentmesh.verticles.ecs;

import io.agentmesh.contract.ecs.EcsEntity;
import io.agentmesh.contract.ecs.EntityPage;
import io.agentmesh.verticles.ecs.engine.Archetype;
import io.agentmesh.verticles.ecs.world.Components;
import io.agentmesh.verticles.ecs.world.Traits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A page of the living in id order after a cursor, with filters. The store keeps entities by archetype and row,
 * not by id: the matching ids are gathered and sorted, which a read between two ticks can afford.
 */
final class EntityPages {

  private EntityPages() {
  }

  static EntityPage page(EntityViews views, long after, int limit, Integer generation, String owner, float[] min,
                         float[] max) {
    long[] matching = new long[64];
    int count = 0;
    for (Archetype at : views.creatures().archetypes()) {
      float[][] genome = at.floats(Components.GENOME);
      int[] generations = at.ints(Components.LINEAGE)[0];
      for (int row = 0; row < at.size(); row++) {
        long id = at.entities()[row];
        if (Long.compareUnsigned(id, after) <= 0 || generation != null && generations[row] != generation
          || owner != null && !owner.equals(views.ownership().owner(id)) || !within(genome, row, min, max)) {
          continue;
        }
        if (count == matching.length) {
          matching = Arrays.copyOf(matching, count * 2);
        }
        matching[count++] = id;
      }
    }
    long[] sorted = Arrays.copyOf(matching, count);
    Arrays.sort(sorted); // ids are positive: signed order is their order
    List<EcsEntity> data = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, sorted.length); i++) {
      data.add(views.entity(sorted[i]));
    }
    String first = data.isEmpty() ? null : data.get(0).id();
    String last = data.isEmpty() ? null : data.get(data.size() - 1).id();
    return new EntityPage(data, first, last, sorted.length > limit, views.world().tickCount());
  }

  private static boolean within(float[][] genome, int row, float[] min, float[] max) {
    for (int trait = 0; trait < Traits.COUNT; trait++) {
      float value = genome[trait][row];
      if (value < min[trait] || value > max[trait]) {
        return false;
      }
    }
    return true;
  }
}
