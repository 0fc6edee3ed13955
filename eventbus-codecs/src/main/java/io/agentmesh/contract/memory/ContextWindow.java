package io.agentmesh.contract.memory;

import java.util.List;

/**
 * What to send to a model: the agent's instructions (as the first, system message), pinned messages, then the most
 * recent messages that fit, oldest first, a tool call never apart from its results. {@code totalTokens} never exceeds
 * the budget; the dropped messages are counted with their tokens.
 */
public record ContextWindow(List<Message> messages, int totalTokens, int droppedMessages, int droppedTokens,
                           String encoding) {

  public ContextWindow {
    messages = List.copyOf(messages);
  }
}
