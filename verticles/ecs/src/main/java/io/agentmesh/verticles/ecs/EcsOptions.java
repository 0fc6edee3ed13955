package io.agentmesh.verticles.ecs;

import io.vertx.core.json.JsonObject;

/**
 * The {@code ecs} section of the configuration (every key is in the README).
 *
 * @param seed                  the seed of a world the platform starts by itself
 * @param initialPopulation     how many entities it starts with (also what its map is sized for)
 * @param populationCap         no births or spawns beyond this many living entities
 * @param speed                 the time acceleration a new world runs at (1 = 20 ticks per real second)
 * @param snapshotEveryTicks    a snapshot after at least this many ticks ...
 * @param snapshotIntervalMs    ... and at least this long after the last one (so a fast world does not snapshot
 *                              all the time; what a new leader re-simulates stays within this much real time)
 * @param leaseMs               how long the world's lease lasts without a heartbeat
 * @param eventRetentionHours   how long notable events are kept
 * @param statsPerSecond        status publications per real second
 * @param mapFramesPerSecond    whole-map frames published per real second (at most 10)
 * @param ticksPerDay           ticks in a simulated day
 * @param maxLagTicks           how far behind its schedule the world may fall before it gives up catching up
 */
record EcsOptions(long seed, int initialPopulation, int populationCap, double speed, int snapshotEveryTicks,
                  long snapshotIntervalMs, long leaseMs, long eventRetentionHours, double statsPerSecond,
                  double mapFramesPerSecond, int ticksPerDay, int maxLagTicks) {

  static final double BASE_TICKS_PER_SECOND = 20;
  static final double MAX_SPEED = 1000;

  static EcsOptions fromConfig(JsonObject config) {
    JsonObject ecs = config.getJsonObject("ecs", new JsonObject());
    return new EcsOptions(ecs.getLong("seed", 42L), ecs.getInteger("initial_population", 1000),
      ecs.getInteger("population_cap", 20_000), ecs.getDouble("speed", 1.0),
      ecs.getInteger("snapshot_every_ticks", 200), ecs.getLong("snapshot_interval_ms", 2000L),
      ecs.getLong("lease_ms", 5000L), ecs.getLong("event_retention_hours", 168L),
      ecs.getDouble("stats_per_second", 4.0), Math.min(10.0, ecs.getDouble("map_frames_per_second", 2.0)),
      ecs.getInteger("ticks_per_day", 1200), ecs.getInteger("max_lag_ticks", 20));
  }
}
