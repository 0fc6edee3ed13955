package io.agentmesh.contract.auth;

/** Admin change of a user's roles or disabled flag; null leaves a field as it is. */
public record UserUpdate(String userId, java.util.List<String> roles, Boolean disabled) {
}
