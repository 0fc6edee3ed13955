package io.agentmesh.contract.tasks;

import java.util.List;

/** Stored events of a task in sequence order; {@code hasMore} when the limit cut them. */
public record TaskEventPage(List<TaskEvent> data, boolean hasMore) {

  public TaskEventPage {
    data = List.copyOf(data);
  }
}
