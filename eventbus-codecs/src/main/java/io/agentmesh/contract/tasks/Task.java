package io.agentmesh.contract.tasks;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A task as clients see it. {@code status}: queued, in_progress, cancelling, cancelled, failed, completed,
 * incomplete, expired. {@code steps} are the model calls and tool calls with their timing; {@code usage} counts
 * tokens; {@code cost} is absent when no price is configured for the model. {@code citations}: the chunks its
 * knowledge searches returned (collection, document id and name, chunk, offsets), in the order they came.
 */
public record Task(String id, String userId, String agentId, String sessionId, String status, String input,
                   String output, TaskError error, List<Map<String, Object>> steps, Map<String, Object> usage,
                   Double cost, int attempt, int maxSteps, Instant createdAt, Instant startedAt,
                   Instant completedAt, List<Map<String, Object>> citations) {

  public static final List<String> TERMINAL = List.of("cancelled", "failed", "completed", "incomplete", "expired");

  public Task {
    steps = steps == null ? List.of() : List.copyOf(steps);
    usage = usage == null ? null : Map.copyOf(usage);
    citations = citations == null ? List.of() : List.copyOf(citations);
  }

  public boolean terminal() {
    return TERMINAL.contains(status);
  }
}
