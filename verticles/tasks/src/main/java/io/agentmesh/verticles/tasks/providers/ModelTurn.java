package io.agentmesh.verticles.tasks.providers;

import java.util.List;

/** What one model call produced: text and/or tool calls, and the tokens it used. */
public record ModelTurn(String text, List<ToolCallRequest> toolCalls, int inputTokens, int outputTokens,
                        String finishReason) {

  public ModelTurn {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }
}
