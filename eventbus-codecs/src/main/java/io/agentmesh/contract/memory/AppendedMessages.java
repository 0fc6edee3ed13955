package io.agentmesh.contract.memory;

import java.util.List;

/** What a {@link MessageBatch} wrote: the new messages in order, and how many drafts were already there (by key). */
public record AppendedMessages(List<Message> appended, int alreadyPresent) {

  public AppendedMessages {
    appended = appended == null ? List.of() : List.copyOf(appended);
  }
}
