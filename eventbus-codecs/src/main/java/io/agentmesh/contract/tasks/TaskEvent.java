package io.agentmesh.contract.tasks;

import java.time.Instant;
import java.util.Map;

/**
 * One event of a task, numbered per task from 1 without gaps ({@code sequence}). {@code type}: task.queued,
 * task.in_progress, task.message.delta, task.tool_call, task.tool_result, task.attempt_restarted, task.completed,
 * task.failed, task.cancelled, task.incomplete, task.expired. {@code attempt} says which attempt said it: when a
 * new attempt starts, clients discard the deltas of the earlier one.
 */
public record TaskEvent(String taskId, long sequence, int attempt, String type, Map<String, Object> data,
                        Instant createdAt) {

  public TaskEvent {
    data = data == null ? Map.of() : Map.copyOf(data);
  }

  public boolean terminal() {
    return switch (type) {
      case "task.completed", "task.failed", "task.cancelled", "task.incomplete", "task.expired" -> true;
      default -> false;
    };
  }
}
