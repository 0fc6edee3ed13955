package io.agentmesh.contract.auth;

/** A security event: who, what, from where, when. */
public record AuditEvent(String id, String type, String userId, String actorId, String address, String detail, java.time.Instant createdAt) {
}
