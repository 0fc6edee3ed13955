package io.agentmesh.verticles.auth;

import io.vertx.core.eventbus.EventBus;

/** The pieces the auth services share, built once by {@link AuthVerticle}. */
record AuthParts(AuthOptions options, UserStore users, LoginStore logins, ApiKeyStore apiKeys, AuditLog audit,
                 PasswordHasher hasher, PasswordPolicy policy, SigningKeys keys, TokenIssuer issuer,
                 LoginThrottle throttle, TokenRevocations revocations, UserViewCache views, EventBus bus) {

  /** Tells every auth instance that a user changed (their cached views go). */
  void userChanged(String userId) {
    bus.publish(io.agentmesh.contract.auth.AuthAddresses.USERS_CHANGED, userId);
  }
}
