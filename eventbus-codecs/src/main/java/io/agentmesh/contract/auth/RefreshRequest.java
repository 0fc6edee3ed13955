package io.agentmesh.contract.auth;

/** Exchange a refresh token for a new pair; also the body of logout. */
public record RefreshRequest(String refreshToken) {
}
