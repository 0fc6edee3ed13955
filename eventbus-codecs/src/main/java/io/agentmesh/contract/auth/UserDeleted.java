package io.agentmesh.contract.auth;

import java.time.Instant;
/** Event: a user is gone; each domain deletes or anonymizes their data. */
public record UserDeleted(String userId, Instant deletedAt) {
}
