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
  private final TickEvents events = new TickEvents();
  private final float[] child = new float[Traits.COUNT];
  /** Kept, not written at each tick: a method reference made there would allocate every tick. */
  private final StructuralChanges.Spawned placeBirth;
  private final List<WorldSystem> systems;
  /** Scratch for the rows' order by place, grown with the world. */
  private int[] order = new int[0];
  private long tick;

  public World(WorldSettings settings, long seed) {
    this(settings, new EntityStore(Components.ALL), new WorldRandom(seed), 0);
  }

  /** A world resumed from its parts (see {@link WorldSnapshot}); its food as a fresh world's until restored. */
  World(WorldSettings settings, EntityStore store, WorldRandom random, long tick) {
    this.settings = settings;
    this.store = store;
    this.changes = new StructuralChanges(store);
    this.births = new Births(store, events);
    this.placeBirth = births::place;
    this.creatures = store.query(Components.CREATURE);
    this.grid = new SpatialGrid(settings.width(), settings.height(), settings.neighbourRadius());
    this.food = new FoodGrid(settings);
    this.random = random;
    this.tick = tick;
    this.systems = List.of(new Metabolism(), new Foraging(), new Movement(), new SocialContact(), new Mating(),
      new Aging());
  }

  /**
   * Every this many ticks the rows are put in the order of their place on the map: creatures wander a little each
   * tick, so the order stays good for a while, and a neighbour search then reads memory it has just read.
   */
  static final int REORDER_EVERY = 64;

  private void reorderByPlace() {
    for (Archetype at : creatures.archetypes()) {
      if (order.length < at.size()) {
        order = new int[Math.max(at.size(), order.length * 2)];
      }
      grid.cellOrder(at, Components.POSITION, order);
      store.reorder(at, order);
    }
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
    if (tick % REORDER_EVERY == 0) {
      reorderByPlace();
    }
    grid.rebuild(creatures, Components.POSITION);
    for (WorldSystem system : systems) {
      system.run(this);
    }
    changes.apply(placeBirth);
    tick++;
  }

  /** A creature with random traits at a random place, now (between ticks). */
  public long spawnRandom() {
    return spawn(null, Float.NaN, Float.NaN);
  }

  /**
   * A first-generation creature, now (between ticks): {@code genome} its traits in the order of {@link Traits}
   * (null: random), at {@code x, y} (NaN: a random place).
   */
  public long spawn(float[] genome, float x, float y) {
    long id = store.spawn(Components.CREATURE);
    Archetype at = store.archetypeOf(id);
    int row = store.rowOf(id);
    float[][] traits = at.floats(Components.GENOME);
    for (int trait = 0; trait < Traits.COUNT; trait++) {
      traits[trait][row] = genome == null ? random.nextFloat() : genome[trait];
    }
    at.floats(Components.POSITION)[0][row] = Float.isNaN(x) ? random.nextFloat() * settings.width() : x;
    at.floats(Components.POSITION)[1][row] = Float.isNaN(y) ? random.nextFloat() * settings.height() : y;
    at.floats(Components.ENERGY)[0][row] = 1f;
    at.longs(Components.LINEAGE)[2][row] = tick;
    return id;
  }

  /**
   * A child of two living creatures, now (between ticks), next to the first: traits by crossover and mutation as in
   * mating, its lineage recorded and its birth an event of this tick. The caller checks that they may breed.
   */
  public long breed(long parentA, long parentB) {
    Archetype a = store.archetypeOf(parentA);
    Archetype b = store.archetypeOf(parentB);
    int rowA = store.rowOf(parentA);
    int rowB = store.rowOf(parentB);
    Genetics.offspring(a.floats(Components.GENOME), rowA, b.floats(Components.GENOME), rowB, child, random,
      settings);
    int generation = 1 + Math.max(a.ints(Components.LINEAGE)[0][rowA], b.ints(Components.LINEAGE)[0][rowB]);
    births.conceive(parentA, parentB, a.floats(Components.POSITION)[0][rowA], a.floats(Components.POSITION)[1][rowA],
      child, generation, tick);
    long id = store.spawn(Components.CREATURE);
    births.place(id);
    return id;
  }

  /** Links a creature to a platform agent (the tag; which agent is kept beside the world). */
  public void link(long id) {
    store.add(id, Components.LINKED);
  }

  /** Tells a creature what to do until {@code untilTick} ({@link Intents}), toward {@code x, y} where it moves. */
  public void intend(long id, int action, float x, float y, long untilTick) {
    store.add(id, Components.INTENT);
    Archetype at = store.archetypeOf(id);
    int row = store.rowOf(id);
    at.floats(Components.INTENT)[0][row] = x;
    at.floats(Components.INTENT)[1][row] = y;
    at.ints(Components.INTENT)[0][row] = action;
    at.longs(Components.INTENT)[0][row] = untilTick;
  }

  /** The notable events since the caller last cleared them. */
  public TickEvents events() {
    return events;
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
