package io.agentmesh.verticles.ecs;

import io.agentmesh.contract.ecs.Compatibility;
import io.agentmesh.contract.ecs.EcsEntity;
import io.agentmesh.contract.ecs.EntityMemory;
import io.agentmesh.contract.ecs.EntityRelationships;
import io.agentmesh.contract.ecs.Experience;
import io.agentmesh.contract.ecs.MapFrame;
import io.agentmesh.contract.ecs.MateCandidate;
import io.agentmesh.contract.ecs.MateList;
import io.agentmesh.contract.ecs.Neighbour;
import io.agentmesh.contract.ecs.Observation;
import io.agentmesh.contract.ecs.Relationship;
import io.agentmesh.verticles.ecs.engine.Archetype;
import io.agentmesh.verticles.ecs.engine.EntityStore;
import io.agentmesh.verticles.ecs.engine.Query;
import io.agentmesh.verticles.ecs.engine.SpatialGrid;
import io.agentmesh.verticles.ecs.world.Components;
import io.agentmesh.verticles.ecs.world.Genetics;
import io.agentmesh.verticles.ecs.world.Intents;
import io.agentmesh.verticles.ecs.world.Memory;
import io.agentmesh.verticles.ecs.world.Relationships;
import io.agentmesh.verticles.ecs.world.Traits;
import io.agentmesh.verticles.ecs.world.World;
import io.agentmesh.verticles.ecs.world.WorldSettings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the API sees the world's entities: views of one, pairs, neighbourhoods. Read between ticks on the tick thread,
 * so every view is of one whole tick.
 */
final class EntityViews {

  private static final List<String> MEMORY_KINDS = List.of("none", "met", "mated", "fed", "fought");

  private final World world;
  private final Ownership ownership;
  private final Query creatures;

  EntityViews(World world, Ownership ownership) {
    this.world = world;
    this.ownership = ownership;
    this.creatures = world.store().query(Components.CREATURE);
  }

  World world() {
    return world;
  }

  Query creatures() {
    return creatures;
  }

  Ownership ownership() {
    return ownership;
  }

  boolean alive(long id) {
    return id != 0 && world.store().isAlive(id);
  }

  /** A living entity as the API shows it. */
  EcsEntity entity(long id) {
    EntityStore store = world.store();
    Archetype at = store.archetypeOf(id);
    int row = store.rowOf(id);
    long[][] lineage = at.longs(Components.LINEAGE);
    List<String> parents = lineage[0][row] == 0 ? List.of()
      : List.of(EntityIdFormat.of(lineage[0][row]), EntityIdFormat.of(lineage[1][row]));
    float[][] position = at.floats(Components.POSITION);
    float[][] needs = at.floats(Components.NEEDS);
    String intent = at.has(Components.INTENT) ? Intents.NAMES.get(at.ints(Components.INTENT)[0][row]) : "none";
    return new EcsEntity(EntityIdFormat.of(id), true, ownership.owner(id), ownership.agent(id),
      at.ints(Components.LINEAGE)[0][row], parents, lineage[2][row], null, traits(at, row),
      at.ints(Components.AGE)[0][row], round(at.floats(Components.ENERGY)[0][row]), round(position[0][row]),
      round(position[1][row]), round(needs[0][row]), round(needs[1][row]), intent, world.tickCount());
  }

  static Map<String, Double> traits(Archetype at, int row) {
    float[][] genome = at.floats(Components.GENOME);
    Map<String, Double> traits = new LinkedHashMap<>();
    for (int trait = 0; trait < Traits.COUNT; trait++) {
      traits.put(Traits.NAMES.get(trait), round(genome[trait][row]));
    }
    return traits;
  }

  static double round(float value) {
    return Math.round(value * 10_000.0) / 10_000.0;
  }

  /** Whether two living entities may have offspring, the score and its parts. */
  Compatibility compatibility(long a, long b) {
    EntityStore store = world.store();
    WorldSettings settings = world.settings();
    Archetype atA = store.archetypeOf(a);
    Archetype atB = store.archetypeOf(b);
    int rowA = store.rowOf(a);
    int rowB = store.rowOf(b);
    float[][] genomeA = atA.floats(Components.GENOME);
    float[][] genomeB = atB.floats(Components.GENOME);
    float distance = Genetics.distance(genomeA, rowA, genomeB, rowB);
    Map<String, Double> differences = new LinkedHashMap<>();
    for (int trait = 0; trait < Traits.COUNT; trait++) {
      differences.put(Traits.NAMES.get(trait), round(Math.abs(genomeA[trait][rowA] - genomeB[trait][rowB])));
    }
    double fertility = (genomeA[Traits.FERTILITY][rowA] + genomeB[Traits.FERTILITY][rowB]) / 2.0;
    List<String> reasons = new ArrayList<>();
    if (a == b) {
      reasons.add("an entity cannot breed with itself");
    } else if (distance < settings.minDistance()) {
      reasons.add(String.format("too alike: genetic distance %.4f is below the minimum %.4f", distance,
        settings.minDistance()));
    } else if (distance > settings.maxDistance()) {
      reasons.add(String.format("too different: genetic distance %.4f is above the maximum %.4f", distance,
        settings.maxDistance()));
    }
    double score = 0;
    if (reasons.isEmpty()) {
      double middle = (settings.minDistance() + settings.maxDistance()) / 2.0;
      double half = (settings.maxDistance() - settings.minDistance()) / 2.0;
      score = (1 - Math.abs(distance - middle) / half) * (0.5 + 0.5 * fertility);
    }
    return new Compatibility(EntityIdFormat.of(a), EntityIdFormat.of(b), reasons.isEmpty(), round((float) score),
      round(distance), settings.minDistance(), settings.maxDistance(), round((float) fertility), reasons, differences);
  }

  /** Compatible living entities within {@code radius} of {@code id}, best score first, then nearest. */
  MateList mates(long id, int limit, float radius) {
    EntityStore store = world.store();
    Archetype self = store.archetypeOf(id);
    int selfRow = store.rowOf(id);
    float x = self.floats(Components.POSITION)[0][selfRow];
    float y = self.floats(Components.POSITION)[1][selfRow];
    List<MateCandidate> found = new ArrayList<>();
    forEachNear(x, y, radius, (other, at, row, distance) -> {
      if (other == id) {
        return;
      }
      float genetic = Genetics.distance(self.floats(Components.GENOME), selfRow, at.floats(Components.GENOME), row);
      if (Genetics.compatible(genetic, world.settings())) {
        Compatibility parts = compatibility(id, other);
        found.add(new MateCandidate(EntityIdFormat.of(other), parts.score(), round(genetic), round(distance),
          ownership.owner(other)));
      }
    });
    found.sort(Comparator.comparingDouble(MateCandidate::score).reversed()
      .thenComparingDouble(MateCandidate::mapDistance));
    return new MateList(EntityIdFormat.of(id), world.tickCount(), radius, found.subList(0, Math.min(limit,
      found.size())));
  }

  /** The entity, the food where it stands and what it perceives around it. */
  Observation observe(long id) {
    EntityStore store = world.store();
    Archetype self = store.archetypeOf(id);
    int selfRow = store.rowOf(id);
    float x = self.floats(Components.POSITION)[0][selfRow];
    float y = self.floats(Components.POSITION)[1][selfRow];
    float radius = world.settings().neighbourRadius();
    List<Neighbour> neighbours = new ArrayList<>();
    forEachNear(x, y, radius, (other, at, row, distance) -> {
      if (other != id) {
        float[][] position = at.floats(Components.POSITION);
        float genetic = Genetics.distance(self.floats(Components.GENOME), selfRow, at.floats(Components.GENOME),
          row);
        neighbours.add(new Neighbour(EntityIdFormat.of(other), round(position[0][row]), round(position[1][row]),
          round(distance), round(affinity(self, selfRow, other)), Genetics.compatible(genetic, world.settings())));
      }
    });
    neighbours.sort(Comparator.comparingDouble(Neighbour::distance));
    return new Observation(entity(id), round(world.food().at(x, y)), radius, neighbours);
  }

  private static float affinity(Archetype at, int row, long other) {
    long[] others = at.longs(Components.RELATIONSHIPS)[0];
    for (int slot = 0; slot < Relationships.count(others, row); slot++) {
      if (others[row * Relationships.SLOTS + slot] == other) {
        return at.floats(Components.RELATIONSHIPS)[0][row * Relationships.SLOTS + slot];
      }
    }
    return 0;
  }

  EntityMemory memory(long id) {
    Archetype at = world.store().archetypeOf(id);
    int row = world.store().rowOf(id);
    int[][] ints = at.ints(Components.MEMORY);
    long[][] longs = at.longs(Components.MEMORY);
    List<Experience> experiences = new ArrayList<>();
    int next = ints[Memory.SLOTS][row];
    for (int back = 1; back <= Memory.SLOTS; back++) {
      int slot = Math.floorMod(next - back, Memory.SLOTS);
      if (ints[slot][row] != 0) {
        experiences.add(new Experience(MEMORY_KINDS.get(ints[slot][row]), EntityIdFormat.of(longs[slot][row]),
          longs[Memory.SLOTS + slot][row]));
      }
    }
    return new EntityMemory(EntityIdFormat.of(id), world.tickCount(), experiences);
  }

  EntityRelationships relationships(long id) {
    Archetype at = world.store().archetypeOf(id);
    int row = world.store().rowOf(id);
    long[] others = at.longs(Components.RELATIONSHIPS)[0];
    float[] affinity = at.floats(Components.RELATIONSHIPS)[0];
    List<Relationship> ties = new ArrayList<>();
    for (int slot = 0; slot < Relationships.count(others, row); slot++) {
      int index = row * Relationships.SLOTS + slot;
      ties.add(new Relationship(EntityIdFormat.of(others[index]), round(affinity[index])));
    }
    ties.sort(Comparator.comparingDouble((Relationship tie) -> Math.abs(tie.affinity())).reversed());
    return new EntityRelationships(EntityIdFormat.of(id), world.tickCount(), ties);
  }

  /**
   * Positions and one trait of the entities in a box, every n-th one when more than {@code limit} lie in it (by
   * stride over the store's order, so a frame of a big world is spread over all of it).
   */
  MapFrame map(float minX, float minY, float maxX, float maxY, int trait, int limit) {
    int total = 0;
    for (Archetype at : creatures.archetypes()) {
      float[][] position = at.floats(Components.POSITION);
      for (int row = 0; row < at.size(); row++) {
        if (inBox(position[0][row], position[1][row], minX, minY, maxX, maxY)) {
          total++;
        }
      }
    }
    int stride = Math.max(1, (total + limit - 1) / limit);
    List<String> ids = new ArrayList<>(Math.min(total, limit));
    List<Float> points = new ArrayList<>(3 * Math.min(total, limit));
    int seen = 0;
    for (Archetype at : creatures.archetypes()) {
      float[][] position = at.floats(Components.POSITION);
      float[] values = at.floats(Components.GENOME)[trait];
      for (int row = 0; row < at.size(); row++) {
        if (inBox(position[0][row], position[1][row], minX, minY, maxX, maxY) && seen++ % stride == 0) {
          ids.add(EntityIdFormat.of(at.entities()[row]));
          points.add(position[0][row]);
          points.add(position[1][row]);
          points.add(values[row]);
        }
      }
    }
    return new MapFrame(world.tickCount(), world.settings().width(), world.settings().height(),
      Traits.NAMES.get(trait), total, stride > 1, ids, points);
  }

  private static boolean inBox(float x, float y, float minX, float minY, float maxX, float maxY) {
    return x >= minX && x <= maxX && y >= minY && y <= maxY;
  }

  /** The living's mean of each trait. */
  Map<String, Double> meanTraits() {
    double[] sums = new double[Traits.COUNT];
    int count = 0;
    for (Archetype at : creatures.archetypes()) {
      float[][] genome = at.floats(Components.GENOME);
      for (int trait = 0; trait < Traits.COUNT; trait++) {
        for (int row = 0; row < at.size(); row++) {
          sums[trait] += genome[trait][row];
        }
      }
      count += at.size();
    }
    Map<String, Double> means = new LinkedHashMap<>();
    for (int trait = 0; trait < Traits.COUNT; trait++) {
      means.put(Traits.NAMES.get(trait), count == 0 ? 0.0 : round((float) (sums[trait] / count)));
    }
    return means;
  }

  /** Told each living entity within a radius of a point (on the wrapping map) and its distance. */
  @FunctionalInterface
  interface Near {
    void at(long id, Archetype archetype, int row, float distance);
  }

  /** A scan of the living: the grid indexes the positions of the tick's start, these reads want the current ones. */
  void forEachNear(float x, float y, float radius, Near near) {
    float width = world.settings().width();
    float height = world.settings().height();
    for (Archetype at : creatures.archetypes()) {
      float[][] position = at.floats(Components.POSITION);
      for (int row = 0; row < at.size(); row++) {
        float dx = SpatialGrid.wrapped(position[0][row] - x, width);
        float dy = SpatialGrid.wrapped(position[1][row] - y, height);
        float distance = (float) Math.sqrt(dx * dx + dy * dy);
        if (distance <= radius) {
          near.at(at.entities()[row], at, row, distance);
        }
      }
    }
  }
}
