package io.agentmesh.contract.tasks;

import java.util.List;

/** A page of tasks; the gateway adds {@code object: "list"}. */
public record TaskPage(List<Task> data, String firstId, String lastId, boolean hasMore) {

  public TaskPage {
    data = List.copyOf(data);
  }
}
