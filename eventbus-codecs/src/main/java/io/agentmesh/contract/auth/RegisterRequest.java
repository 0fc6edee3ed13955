package io.agentmesh.contract.auth;

/** Register a new user. */
public record RegisterRequest(String username, String email, String password) {
}
