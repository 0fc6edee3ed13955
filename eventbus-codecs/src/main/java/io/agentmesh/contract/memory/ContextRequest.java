package io.agentmesh.contract.memory;

/**
 * The messages of a session to send to a model within a token budget. {@code excludeAppendKeyPrefix}, when given,
 * leaves out messages appended with a key starting with it (a task's own messages, which its worker holds itself).
 */
public record ContextRequest(String agentId, String sessionId, int tokenBudget, String excludeAppendKeyPrefix) {

  public ContextRequest(String agentId, String sessionId, int tokenBudget) {
    this(agentId, sessionId, tokenBudget, null);
  }
}
