package io.agentmesh.verticles.memory;

import io.agentmesh.contract.memory.Message;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Chooses what fits in a model's context: the instructions, every pinned message, then the most recent messages
 * while they fit, in blocks that keep a tool call with its results. It stops at the first block that does not fit,
 * so what is kept is a contiguous recent stretch of the conversation. Pure: the caller supplies the messages.
 */
final class ContextBuilder {

  /** What was chosen, in conversation order, and what it costs. */
  record Selection(List<Message> messages, int tokens) {
  }

  private ContextBuilder() {
  }

  /**
   * @param budget      the most tokens the result may hold, instructions included
   * @param fixedTokens tokens already committed (the instructions)
   * @param pinned      pinned messages, always kept
   * @param newestFirst the other messages, newest first; may stop early once enough were supplied
   * @return null when the instructions and pinned messages alone exceed the budget
   */
  static Selection select(int budget, int fixedTokens, List<Message> pinned, List<Message> newestFirst) {
    int used = fixedTokens + pinned.stream().mapToInt(Message::tokenCount).sum();
    if (used > budget) {
      return null;
    }
    List<Message> chosen = new ArrayList<>(pinned);
    for (List<Message> block : blocks(newestFirst)) {
      int cost = block.stream().mapToInt(Message::tokenCount).sum();
      if (used + cost > budget) {
        break;
      }
      used += cost;
      chosen.addAll(block);
    }
    chosen.sort(Comparator.comparingLong(Message::sequence));
    return new Selection(chosen, used);
  }

  /** Groups newest-first messages: tool results stay with the assistant message that called the tools. */
  static List<List<Message>> blocks(List<Message> newestFirst) {
    List<List<Message>> blocks = new ArrayList<>();
    List<Message> pendingResults = new ArrayList<>();
    for (Message message : newestFirst) {
      if ("tool".equals(message.role())) {
        pendingResults.add(message);
        continue;
      }
      if (!pendingResults.isEmpty() && callsTools(message)) {
        pendingResults.add(message);
        blocks.add(List.copyOf(pendingResults));
        pendingResults.clear();
        continue;
      }
      if (!pendingResults.isEmpty()) {
        blocks.add(List.copyOf(pendingResults)); // results whose call is not among these messages
        pendingResults.clear();
      }
      blocks.add(List.of(message));
    }
    if (!pendingResults.isEmpty()) {
      blocks.add(List.copyOf(pendingResults));
    }
    return blocks;
  }

  static boolean callsTools(Message message) {
    return "assistant".equals(message.role()) && message.content() instanceof List<?> parts
      && parts.stream().anyMatch(part -> part instanceof Map<?, ?> map && "tool_call".equals(map.get("type")));
  }
}
