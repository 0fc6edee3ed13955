package io.agentmesh.verticles.ecs.world;

import io.agentmesh.verticles.ecs.engine.Archetype;
import io.agentmesh.verticles.ecs.engine.ComponentType;
import io.agentmesh.verticles.ecs.engine.EntityStore;
import io.agentmesh.verticles.ecs.engine.WorldRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The simulated world")
class WorldTest {

  private static final WorldSettings SETTINGS = WorldSettings.forPopulation(500, 5000);

  private static World run(long seed, int ticks) {
    World world = World.populated(SETTINGS, seed, 500);
    for (int i = 0; i < ticks; i++) {
      world.tick();
    }
    return world;
  }

  @Test
  @DisplayName("is deterministic: the same seed gives the same world hash, tick for tick; another seed does not")
  void deterministic() {
    World a = World.populated(SETTINGS, 11, 500);
    World b = World.populated(SETTINGS, 11, 500);
    for (int i = 0; i < 1500; i++) {
      a.tick();
      b.tick();
      if (i % 100 == 0) {
        assertThat(WorldHash.of(a)).as("tick %d", i).isEqualTo(WorldHash.of(b));
      }
    }
    assertThat(WorldHash.of(a)).isEqualTo(WorldHash.of(b));
    assertThat(WorldHash.of(run(12, 50))).isNotEqualTo(WorldHash.of(run(11, 50)));
  }

  @Test
  @DisplayName("lives: creatures are born with their parents and generation recorded, and die")
  void birthsAndDeaths() {
    World world = run(5, 2500);
    EntityStore store = world.store();
    int born = 0;
    int firstGeneration = 0;
    for (Archetype at : store.query(Components.CREATURE).archetypes()) {
      for (int row = 0; row < at.size(); row++) {
        long[][] lineage = at.longs(Components.LINEAGE);
        if (lineage[0][row] != 0) {
          born++;
          assertThat(at.ints(Components.LINEAGE)[0][row]).isPositive();
          assertThat(lineage[1][row]).isNotZero().isNotEqualTo(lineage[0][row]);
          assertThat(lineage[2][row]).isPositive();
        } else {
          firstGeneration++;
        }
      }
    }
    assertThat(born).as("children alive after 2,500 ticks").isPositive();
    assertThat(firstGeneration).as("some of the first creatures died").isLessThan(500);
    assertThat(world.population()).isEqualTo(born + firstGeneration);
  }

  @Test
  @DisplayName("genetics: a child's traits lie within its parents' range widened by the mutation size")
  void offspringWithinBounds() {
    ComponentType genomeType = Components.GENOME;
    EntityStore store = new EntityStore(List.of(genomeType));
    long a = store.spawn(genomeType.bit());
    long b = store.spawn(genomeType.bit());
    WorldRandom random = new WorldRandom(3);
    float[][] genome = store.archetypeOf(a).floats(genomeType);
    for (int trait = 0; trait < Traits.COUNT; trait++) {
      genome[trait][store.rowOf(a)] = random.nextFloat();
      genome[trait][store.rowOf(b)] = random.nextFloat();
    }
    WorldSettings mutating = new WorldSettings(10, 10, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1f, 0.1f, 10);
    float[] child = new float[Traits.COUNT];
    for (int i = 0; i < 1000; i++) {
      Genetics.offspring(genome, store.rowOf(a), genome, store.rowOf(b), child, random, mutating);
      for (int trait = 0; trait < Traits.COUNT; trait++) {
        float low = Math.min(genome[trait][store.rowOf(a)], genome[trait][store.rowOf(b)]);
        float high = Math.max(genome[trait][store.rowOf(a)], genome[trait][store.rowOf(b)]);
        assertThat(child[trait]).isBetween(Math.max(0f, low - 0.1f - 1e-6f), Math.min(1f, high + 0.1f + 1e-6f));
      }
    }
    float self = Genetics.distance(genome, store.rowOf(a), genome, store.rowOf(a));
    assertThat(self).isZero();
    assertThat(Genetics.compatible(self, SETTINGS)).as("too alike: itself").isFalse();
  }

  @Test
  @DisplayName("a snapshot restored and run on gives the same hash as running straight through")
  void snapshotRestore() throws Exception {
    World straight = run(21, 600);
    World first = run(21, 300);
    byte[] snapshot = WorldSnapshot.write(first);
    World resumed = WorldSnapshot.read(snapshot, SETTINGS);
    assertThat(WorldHash.of(resumed)).as("restored as it was").isEqualTo(WorldHash.of(first));
    for (int i = 0; i < 300; i++) {
      resumed.tick();
    }
    assertThat(resumed.tickCount()).isEqualTo(600);
    assertThat(WorldHash.of(resumed)).isEqualTo(WorldHash.of(straight));
    long spawned = resumed.spawnRandom();
    assertThat(spawned).as("future ids as the original's").isEqualTo(straight.spawnRandom());

    snapshot[7] = 9; // the format version's last byte
    assertThatThrownBy(() -> WorldSnapshot.read(snapshot, SETTINGS)).isInstanceOf(IOException.class)
      .hasMessageContaining("format 9");
  }
}
