package io.agentmesh.contract.auth;

/** Log in with a username (or email) and password. */
public record LoginRequest(String username, String password) {
}
