package io.agentmesh.contract.auth;

import java.time.Instant;
/** A security event: who, what, from where, when. */
public record AuditEvent(String id, String type, String userId, String actorId, String address, String detail,
  Instant createdAt) {
}
