package io.agentmesh.contract.auth;

/** Event: a user is gone; each domain deletes or anonymizes their data. */
public record UserDeleted(String userId, java.time.Instant deletedAt) {
}
