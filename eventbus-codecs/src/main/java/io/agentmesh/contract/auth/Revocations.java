package io.agentmesh.contract.auth;

/**
 * The Redis keys through which the auth domain revokes access tokens before they expire, and which the gateway
 * checks on every authenticated request. Each key lives as long as an access token can.
 */
public final class Revocations {

  private Revocations() {
  }

  /** Set when a login ends (logout, reuse of its refresh token, ended from another device). */
  public static String login(String loginId) {
    return "auth:revoked:login:" + loginId;
  }

  /** Epoch milliseconds: tokens of this user issued at or before it are revoked (logout-all, disable, role change). */
  public static String userBefore(String userId) {
    return "auth:revoked:user:" + userId;
  }
}
