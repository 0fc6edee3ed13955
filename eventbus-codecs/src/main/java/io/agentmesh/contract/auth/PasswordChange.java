package io.agentmesh.contract.auth;

/** Change one's password; ends every other login. */
public record PasswordChange(String currentPassword, String newPassword) {
}
