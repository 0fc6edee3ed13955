package io.agentmesh.contract.auth;

import java.time.Instant;

/**
 * One revocation as the auth domain recorded it in PostgreSQL: what {@link CredentialsRevoked} announced, with its
 * place in the record ({@code id}, increasing) and the time after which no credential it names can still work.
 * Gateways hold the live ones in memory.
 *
 * @param credentialId a login ({@code lgn_…}) or an API key ({@code key_…}), or null for every token of the user
 */
public record Revocation(long id, String userId, String credentialId, Long beforeMs, boolean apiKeysToo,
                         Instant expiresAt) {
}
