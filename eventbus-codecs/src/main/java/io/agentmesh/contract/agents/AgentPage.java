package io.agentmesh.contract.agents;

import java.util.List;

/** A page of agents; the gateway adds {@code object: "list"}. */
public record AgentPage(List<Agent> data, String firstId, String lastId, boolean hasMore) {

  public AgentPage {
    data = List.copyOf(data);
  }
}
