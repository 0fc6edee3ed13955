package io.agentmesh.contract.ecs;

/**
 * Addresses of the ecs domain. Only the node that holds the world's lease serves them: on the others a request
 * finds no handler, which the gateway answers 503 with {@code Retry-After} until a leader serves again.
 */
public final class EcsAddresses {

  /** Nothing ({@code ResourceId} ignored) → {@link EcsStatus}. */
  public static final String STATUS = "ecs.status";
  /** {@link EntityQuery} → {@link EntityPage}: living entities by id. */
  public static final String ENTITY_LIST = "ecs.entities.list";
  /** {@code ResourceId} → {@link EcsEntity}, living or dead. */
  public static final String ENTITY_GET = "ecs.entities.get";
  /** {@link SpawnRequest} → the {@link EcsEntity} spawned, owned by the caller. */
  public static final String SPAWN = "ecs.entities.spawn";
  /** {@link OffspringRequest} → the child {@link EcsEntity}, owned by the caller. */
  public static final String OFFSPRING = "ecs.entities.offspring";
  /** {@link MateQuery} → {@link MateList}: compatible mates near an entity, best first. */
  public static final String MATES = "ecs.entities.mates";
  /** {@link EntityPair} → {@link Compatibility}. */
  public static final String COMPATIBILITY = "ecs.entities.compatibility";
  /** {@link LineageQuery} → {@link Lineage}. */
  public static final String LINEAGE = "ecs.entities.lineage";
  /** {@code ResourceId} → {@link EntityMemory}. */
  public static final String MEMORY = "ecs.entities.memory";
  /** {@code ResourceId} → {@link EntityRelationships}. */
  public static final String RELATIONSHIPS = "ecs.entities.relationships";
  /** {@link LinkRequest} → the linked {@link EcsEntity}. */
  public static final String LINK = "ecs.entities.link";
  /** {@link ActRequest} → the {@link EcsEntity} with its new intent. */
  public static final String ACT = "ecs.entities.act";
  /** {@link ActRequest} → {@link EcsEntity}, for an entity linked to an agent only (the {@code ecs_act} tool). */
  public static final String ACT_LINKED = "ecs.entities.act_linked";
  /** {@code ResourceId} → {@link Observation}: what an owned, linked entity perceives ({@code ecs_observe}). */
  public static final String OBSERVE = "ecs.entities.observe";
  /** Administrators: {@link WorldControl} → {@link EcsStatus}. */
  public static final String CONTROL = "ecs.world.control";
  /** {@link MapQuery} → {@link MapFrame}. */
  public static final String MAP = "ecs.map";
  /** Published, a few times per real second: {@link EcsStatus}. Stream topic {@code ecs.stats}. */
  public static final String STATS_EVENTS = "events.ecs.stats";
  /** Published, a batch per tick that had any: {@link WorldEvents}. Stream topic {@code ecs.events}. */
  public static final String WORLD_EVENTS = "events.ecs.events";
  /** Published, at most 10 per real second: a whole-world {@link MapFrame}. Stream topic {@code ecs.map}. */
  public static final String MAP_EVENTS = "events.ecs.map";

  private EcsAddresses() {
  }
}
