package io.agentmesh.contract.memory;

import java.time.Instant;
import java.util.Map;

/** A conversation of one user with one agent. */
public record Session(String id, String agentId, String userId, String title, Map<String, String> metadata,
                      long messageCount, long tokenCount, Instant createdAt, Instant updatedAt) {

  public Session {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
