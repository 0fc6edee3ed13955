package io.agentmesh.contract.auth;

/** Tokens as OAuth 2 clients expect them; {@code expiresIn} is the access token's lifetime in seconds. */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {
}
