package io.agentmesh.verticles.ecs.world;

import io.agentmesh.verticles.ecs.engine.ComponentType;

import java.util.List;

/**
 * The world's component types and the meaning of their fields. Bounded lists (relationships, memory) are fixed
 * numbers of fields: no entity allocates as it lives.
 */
public final class Components {

  /** Traits in [0, 1], fields in the order of {@link Traits}. */
  public static final ComponentType GENOME = new ComponentType(0, "Genome", Traits.COUNT, 0, 0);
  /** floats: x, y on the toroidal map. */
  public static final ComponentType POSITION = new ComponentType(1, "Position", 2, 0, 0);
  /** floats: vx, vy in map units per tick. */
  public static final ComponentType VELOCITY = new ComponentType(2, "Velocity", 2, 0, 0);
  /** floats: energy (dies at 0). */
  public static final ComponentType ENERGY = new ComponentType(3, "Energy", 1, 0, 0);
  /** ints: age in ticks, the tick before which it cannot mate again. */
  public static final ComponentType AGE = new ComponentType(4, "Age", 0, 2, 0);
  /** floats: hunger, social need, each in [0, 1]. */
  public static final ComponentType NEEDS = new ComponentType(5, "Needs", 2, 0, 0);
  /** The most recent contacts, a list of {@link Relationships#SLOTS} per entity: floats affinity; longs other. */
  public static final ComponentType RELATIONSHIPS = new ComponentType(6, "Relationships", 1, 0, 1,
    Relationships.SLOTS);
  /** longs: parent a, parent b (0 for the first generation), birth tick; ints: generation. */
  public static final ComponentType LINEAGE = new ComponentType(7, "Lineage", 0, 1, 3);
  /** A ring of recent experiences: ints kind[m], then the next slot; longs other[m], then tick[m]. */
  public static final ComponentType MEMORY = new ComponentType(8, "Memory", 0, Memory.SLOTS + 1, 2 * Memory.SLOTS);
  /** A tag: the entity is linked to a platform agent (which one is kept beside the store). */
  public static final ComponentType LINKED = new ComponentType(9, "Linked", 0, 0, 0);
  /** What a linked entity was told to do ({@link Intents}): floats target x, y; ints action; longs until tick. */
  public static final ComponentType INTENT = new ComponentType(10, "Intent", 2, 1, 1);

  public static final List<ComponentType> ALL = List.of(GENOME, POSITION, VELOCITY, ENERGY, AGE, NEEDS,
    RELATIONSHIPS, LINEAGE, MEMORY, LINKED, INTENT);

  /** What every creature has. */
  public static final long CREATURE = GENOME.bit() | POSITION.bit() | VELOCITY.bit() | ENERGY.bit() | AGE.bit()
    | NEEDS.bit() | RELATIONSHIPS.bit() | LINEAGE.bit() | MEMORY.bit();

  private Components() {
  }
}
