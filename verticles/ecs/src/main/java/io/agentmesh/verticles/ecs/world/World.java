package io.agentmesh.verticles.ecs.world;

import io.agentmesh.verticles.ecs.engine.Archetype;
import io.agentmesh.verticles.ecs.engine.EntityStore;
import io.agentmesh.verticles.ecs.engine.Query;
import io.agentmesh.verticles.ecs.engine.SpatialGrid;
import io.agentmesh.verticles.ecs.engine.StructuralChanges;
import io.agentmesh.verticles.ecs.engine.WorldRandom;

import java.util.List;

/**
 * One simulated world: its entities, food and random numbers, advanced a tick at a time by its systems in a fixed
 * order (needs and metabolism, foraging, movement, social interaction, mating, aging and death); births and deaths
 * apply at the end of the tick. Deterministic: the same seed and the same calls give the same world, tick for tick.
 * One thread only.
 */
public final class World {

  private final WorldSettings settings;
  private final EntityStore store;
  private final StructuralChanges changes;
  private final Query creatures;
  private final SpatialGrid grid;
  private final FoodGrid food;
  private final WorldRandom random;
  private final Births births;
  /** Kept, not written at each tick: a method reference made there would allocate every tick. */
  private final StructuralChanges.Spawned placeBirth;
  private final List<WorldSystem> systems;
  private long tick;

  public World(WorldSettings settings, long seed) {
    this(settings, new EntityStore(Components.ALL), new WorldRandom(seed), 0);
  }

  /** A world resumed from its parts (see {@link WorldSnapshot}); its food as a fresh world's until restored. */
  World(WorldSettings settings, EntityStore store, WorldRandom random, long tick) {
    this.settings = settings;
    this.store = store;
    this.changes = new StructuralChanges(store);
    this.births = new Births(store);
    this.placeBirth = births::place;
    this.creatures = store.query(Components.CREATURE);
    this.grid = new SpatialGrid(settings.width(), settings.height(), settings.neighbourRadius());
    this.food = new FoodGrid(settings);
    this.random = random;
    this.tick = tick;
    this.systems = List.of(new Metabolism(), new Foraging(), new Movement(), new SocialContact(), new Mating(),
      new Aging());
  }

  /** A world of {@code population} random creatures spread over the map. */
  public static World populated(WorldSettings settings, long seed, int population) {
    World world = new World(settings, seed);
    for (int i = 0; i < population; i++) {
      world.spawnRandom();
    }
    return world;
  }

  /** Runs every system once, then applies the tick's births and deaths. */
  public void tick() {
    grid.rebuild(creatures, Components.POSITION);
    for (WorldSystem system : systems) {
      system.run(this);
    }
    changes.apply(placeBirth);
    tick++;
  }

  /** A creature with random traits at a random place, now (between ticks). */
  public long spawnRandom() {
    long id = store.spawn(Components.CREATURE);
    Archetype at = store.archetypeOf(id);
    int row = store.rowOf(id);
    float[][] genome = at.floats(Components.GENOME);
    for (int trait = 0; trait < Traits.COUNT; trait++) {
      genome[trait][row] = random.nextFloat();
    }
    at.floats(Components.POSITION)[0][row] = random.nextFloat() * settings.width();
    at.floats(Components.POSITION)[1][row] = random.nextFloat() * settings.height();
    at.floats(Components.ENERGY)[0][row] = 1f;
    at.longs(Components.LINEAGE)[2][row] = tick;
    return id;
  }

  public long tickCount() {
    return tick;
  }

  public int population() {
    return store.size();
  }

  public WorldSettings settings() {
    return settings;
  }

  public EntityStore store() {
    return store;
  }

  public FoodGrid food() {
    return food;
  }

  public WorldRandom random() {
    return random;
  }

  Query creatures() {
    return creatures;
  }

  SpatialGrid grid() {
    return grid;
  }

  StructuralChanges changes() {
    return changes;
  }

  Births births() {
    return births;
  }
}
