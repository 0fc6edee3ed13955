package io.agentmesh.contract.memory;

import java.util.List;

/** A page of sessions; the gateway adds {@code object: "list"}. */
public record SessionPage(List<Session> data, String firstId, String lastId, boolean hasMore) {

  public SessionPage {
    data = List.copyOf(data);
  }
}
