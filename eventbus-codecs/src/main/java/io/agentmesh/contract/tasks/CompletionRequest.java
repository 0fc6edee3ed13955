package io.agentmesh.contract.tasks;

import java.util.List;
import java.util.Map;

/**
 * One model call with an agent's model, outside any task (memory's compaction summarizes with it): the tasks
 * domain owns the providers. The caller must be able to read the agent.
 *
 * @param messages {@code {role, content}} after the instructions
 */
public record CompletionRequest(String agentId, String instructions, List<Map<String, Object>> messages,
                                Integer maxOutputTokens) {

  public CompletionRequest {
    messages = List.copyOf(messages);
  }
}
