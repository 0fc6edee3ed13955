package io.agentmesh.contract.auth;

/**
 * Published ({@link AuthAddresses#CREDENTIALS_REVOKED}) when credentials stop working before they expire, so that
 * whatever a credential holds open (a gateway's streams) ends with it. Either one credential (a login or an API key,
 * by id) or every access token of a user issued up to {@code beforeMs}, and with {@code apiKeysToo} that user's API
 * keys as well (disabled, changed roles, deleted).
 *
 * @param userId       the user, or null when one credential is named
 * @param credentialId the login or API key, or null for every token of the user
 */
public record CredentialsRevoked(String userId, String credentialId, Long beforeMs, boolean apiKeysToo) {
}
