package io.agentmesh.verticles.tasks.providers;

import io.agentmesh.contract.AcceptedText;

import java.util.List;
import java.util.Map;

/** What one model call produced: text and/or tool calls, and the tokens it used. */
public record ModelTurn(String text, List<ToolCallRequest> toolCalls, int inputTokens, int outputTokens,
                        String finishReason) {

  public ModelTurn {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /**
   * This turn as the platform stores it: a model's text is outside input that cannot be refused, so NUL and lone
   * surrogates (which PostgreSQL would refuse, leaving the task's writes stuck) become U+FFFD.
   */
  @SuppressWarnings("unchecked")
  public ModelTurn accepted() {
    return new ModelTurn(AcceptedText.clean(text), toolCalls.stream().map(call -> new ToolCallRequest(
      AcceptedText.clean(call.id()), AcceptedText.clean(call.name()),
      call.arguments() == null ? null : (Map<String, Object>) AcceptedText.clean(call.arguments()))).toList(),
      inputTokens, outputTokens, AcceptedText.clean(finishReason));
  }
}
