package io.agentmesh.contract.memory;

/** Addresses of the memory domain: sessions, their messages, and the context window for a model call. */
public final class MemoryAddresses {

  public static final String SESSION_CREATE = "memory.sessions.create";
  public static final String SESSION_GET = "memory.sessions.get";
  public static final String SESSION_LIST = "memory.sessions.list";
  public static final String SESSION_DELETE = "memory.sessions.delete";
  public static final String MESSAGE_APPEND = "memory.messages.append";
  /** Several messages of one session in one write ({@link MessageBatch} → {@link AppendedMessages}). */
  public static final String MESSAGE_APPEND_BATCH = "memory.messages.append_batch";
  public static final String MESSAGE_LIST = "memory.messages.list";
  /** Used by the tasks domain: the messages to send to a model within a token budget ({@link ContextWindow}). */
  public static final String CONTEXT_BUILD = "memory.context.build";
  public static final String COMPACT = "memory.sessions.compact";
  /**
   * Event ({@link SessionDeleted}), published cluster-wide when a session is deleted on request. Sessions deleted
   * with their agent or their user are announced by {@code events.agents} and {@code events.user.deleted} only.
   */
  public static final String SESSION_DELETED = "events.memory.sessions.deleted";

  private MemoryAddresses() {
  }
}
