package io.agentmesh.contract.agents;

import java.util.List;
import java.util.Map;

/** What a client sends to create an agent. */
public record AgentDraft(String name, String description, String instructions, ModelSpec model, List<String> tools,
                         List<String> knowledge, String concurrency, Map<String, String> metadata) {

  public AgentDraft {
    tools = tools == null ? List.of() : List.copyOf(tools);
    knowledge = knowledge == null ? List.of() : List.copyOf(knowledge);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
