package io.agentmesh.contract.ecs;

import java.util.List;

/** The notable events of ticks up to {@code tick}, as published (and stored) in one batch. */
public record WorldEvents(long tick, List<WorldEvent> events) {

  public WorldEvents {
    events = List.copyOf(events);
  }
}
