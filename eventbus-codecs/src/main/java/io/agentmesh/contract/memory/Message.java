package io.agentmesh.contract.memory;

import java.time.Instant;

/** A stored message: {@code sequence} is its gap-free position in the session, assigned by PostgreSQL. */
public record Message(String id, String sessionId, long sequence, String role, Object content, int tokenCount,
                      boolean pinned, Instant createdAt) {
}
