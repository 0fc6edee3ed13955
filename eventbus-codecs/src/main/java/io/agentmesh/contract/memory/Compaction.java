package io.agentmesh.contract.memory;

/**
 * What a compaction did: older messages of the session summarized into one pinned message; they stay in the
 * transcript but no longer go to the model.
 *
 * @param summary the pinned summary message, or null when there was nothing to compact
 */
public record Compaction(String sessionId, int compactedMessages, int compactedTokens, Message summary) {
}
