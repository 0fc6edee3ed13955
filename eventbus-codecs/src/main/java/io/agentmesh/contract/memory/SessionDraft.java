package io.agentmesh.contract.memory;

import java.util.Map;

/** Start a session with an agent. */
public record SessionDraft(String agentId, String title, Map<String, String> metadata) {

  public SessionDraft {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
