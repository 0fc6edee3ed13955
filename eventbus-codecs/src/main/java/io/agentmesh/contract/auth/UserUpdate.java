package io.agentmesh.contract.auth;

import java.util.List;
/** Admin change of a user's roles or disabled flag; null leaves a field as it is. */
public record UserUpdate(String userId, List<String> roles, Boolean disabled) {
}
