package io.agentmesh.contract.ecs;

import java.util.Map;

/**
 * The world now. {@code state}: running or paused; {@code speed}: the acceleration requested (1 = 20 ticks per real
 * second), {@code achievedSpeed}: what the last seconds reached; births and deaths per simulated day (a day is
 * {@code ticksPerDay} ticks); {@code meanTraits} over the living; {@code leaderNode}: the node running the world.
 */
public record EcsStatus(long tick, double simulatedDays, int ticksPerDay, String state, double speed,
                        double achievedSpeed, int population, int populationCap, long births, long deaths,
                        double birthsPerDay, double deathsPerDay, Map<String, Double> meanTraits, long seed,
                        double width, double height, String leaderNode) {

  public EcsStatus {
    meanTraits = Map.copyOf(meanTraits);
  }
}
