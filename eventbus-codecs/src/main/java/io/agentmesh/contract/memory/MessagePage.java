package io.agentmesh.contract.memory;

import java.util.List;

/** A page of messages; the gateway adds {@code object: "list"}. */
public record MessagePage(List<Message> data, String firstId, String lastId, boolean hasMore) {

  public MessagePage {
    data = List.copyOf(data);
  }
}
