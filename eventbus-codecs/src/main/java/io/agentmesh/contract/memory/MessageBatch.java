package io.agentmesh.contract.memory;

import java.util.List;

/**
 * Messages to append to one session in this order, in one write (the tasks domain's outbox delivers a step's
 * messages this way). Each draft's {@code sessionId} is null or this one; drafts with an append key already in the
 * session are skipped, as a single append would answer them.
 */
public record MessageBatch(String sessionId, List<MessageDraft> messages) {

  public MessageBatch {
    messages = messages == null ? List.of() : List.copyOf(messages);
  }
}
