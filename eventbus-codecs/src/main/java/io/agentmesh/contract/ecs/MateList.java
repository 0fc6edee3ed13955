package io.agentmesh.contract.ecs;

import java.util.List;

/** An entity's compatible mates nearby, best score first, then nearest. */
public record MateList(String id, long tick, double radius, List<MateCandidate> data) {

  public MateList {
    data = List.copyOf(data);
  }
}
