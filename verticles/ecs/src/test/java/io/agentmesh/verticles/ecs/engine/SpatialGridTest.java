package io.agentmesh.verticles.ecs.engine;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The spatial grid and the world's random numbers")
class SpatialGridTest {

  private static final ComponentType POSITION = new ComponentType(0, "Position", 2, 0, 0);

  @Test
  @DisplayName("finds exactly the entities a scan of all of them finds, across the map's edges")
  void sameAsBruteForce() {
    sameAsBruteForce(100, 60, 5);
  }

  @Test
  @DisplayName("also when the map is not a whole number of cells across (the seam's cells are not narrower)")
  void uneven() {
    sameAsBruteForce(101.3f, 61.7f, 3);
  }

  private static void sameAsBruteForce(float width, float height, float cell) {
    EntityStore store = new EntityStore(List.of(POSITION));
    WorldRandom random = new WorldRandom(7);
    for (int i = 0; i < 2000; i++) {
      long id = store.spawn(POSITION.bit());
      float[][] p = store.archetypeOf(id).floats(POSITION);
      p[0][store.rowOf(id)] = random.nextFloat() * width;
      p[1][store.rowOf(id)] = random.nextFloat() * height;
    }
    Query all = store.query(POSITION.bit());
    SpatialGrid grid = new SpatialGrid(width, height, cell);
    grid.rebuild(all, POSITION);
    assertThat(grid.size()).isEqualTo(2000);
    float[][] probes = {{50, 30}, {0.5f, 0.5f}, {width - 0.5f, height - 0.5f}, {0, 30}, {50, height - 0.1f},
      {width - 1.4f, 10}, {0.2f, height - 2.9f}};
    for (float[] probe : probes) {
      for (float radius : new float[] {1, cell, 4, 7.5f, 40}) {
        Set<Long> found = new HashSet<>();
        grid.near(probe[0], probe[1], radius, (id, at, row, d2) -> {
          assertThat(found.add(id)).isTrue();
          assertThat(at.entities()[row]).as("where its fields are").isEqualTo(id);
        });
        Set<Long> expected = new HashSet<>();
        for (Archetype archetype : all.archetypes()) {
          float[][] p = archetype.floats(POSITION);
          for (int row = 0; row < archetype.size(); row++) {
            float dx = SpatialGrid.wrapped(p[0][row] - probe[0], width);
            float dy = SpatialGrid.wrapped(p[1][row] - probe[1], height);
            if (dx * dx + dy * dy <= radius * radius) {
              expected.add(archetype.entities()[row]);
            }
          }
        }
        assertThat(found).as("near (%s, %s) within %s", probe[0], probe[1], radius).isEqualTo(expected);
      }
    }
  }

  @Test
  @DisplayName("the shorter way across a wrapping axis")
  void wrapping() {
    assertThat(SpatialGrid.wrapped(90, 100)).isEqualTo(-10);
    assertThat(SpatialGrid.wrapped(-90, 100)).isEqualTo(10);
    assertThat(SpatialGrid.wrapped(30, 100)).isEqualTo(30);
  }

  @Test
  @DisplayName("random numbers: the same seed gives the same sequence, and a restored state goes on the same way")
  void randomIsReproducible() {
    WorldRandom a = new WorldRandom(42);
    WorldRandom b = new WorldRandom(42);
    for (int i = 0; i < 1000; i++) {
      assertThat(a.nextLong()).isEqualTo(b.nextLong());
    }
    long[] state = a.state();
    long next = a.nextLong();
    WorldRandom c = new WorldRandom(1);
    c.restore(state);
    assertThat(c.nextLong()).isEqualTo(next);
    assertThat(new WorldRandom(43).nextLong()).isNotEqualTo(new WorldRandom(42).nextLong());
    for (int i = 0; i < 10_000; i++) {
      float f = a.nextFloat();
      assertThat(f).isGreaterThanOrEqualTo(0f).isLessThan(1f);
      assertThat(a.nextInt(7)).isBetween(0, 6);
    }
  }
}
