package io.agentmesh.contract.tasks;

import java.util.List;
import java.util.Map;

/**
 * A run of a session's agent on the user's input.
 *
 * @param maxSteps       model calls at most (default from configuration)
 * @param tools          the tools allowed, a subset of the agent's (null: all of the agent's)
 * @param parameters     model parameter overrides (temperature, max_output_tokens, ...)
 * @param idempotencyKey the same key from the same user within 24 h returns the original task
 */
public record TaskDraft(String sessionId, String input, Integer maxSteps, List<String> tools,
                        Map<String, Object> parameters, String idempotencyKey) {

  public TaskDraft {
    tools = tools == null ? null : List.copyOf(tools);
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }
}
