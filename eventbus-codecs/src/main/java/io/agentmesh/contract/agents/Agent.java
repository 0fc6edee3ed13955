package io.agentmesh.contract.agents;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An agent as clients see it. {@code version} grows with every change and is the ETag; {@code status} is one of
 * idle, running, error, disabled, with when and why it last changed.
 */
public record Agent(String id, String ownerId, String name, String description, String instructions, ModelSpec model,
                    List<String> tools, List<String> knowledge, String concurrency, Map<String, String> metadata,
                    String status, String statusReason, Instant statusChangedAt, long version, Instant createdAt,
                    Instant updatedAt) {

  public Agent {
    tools = tools == null ? List.of() : List.copyOf(tools);
    knowledge = knowledge == null ? List.of() : List.copyOf(knowledge);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
