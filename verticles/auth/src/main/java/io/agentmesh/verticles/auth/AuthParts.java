package io.agentmesh.verticles.auth;

import io.vertx.core.eventbus.EventBus;

/** The pieces the auth services share, built once by {@link AuthVerticle}. */
record AuthParts(AuthOptions options, UserStore users, LoginStore logins, ApiKeyStore apiKeys, AuditLog audit,
                 PasswordHasher hasher, PasswordPolicy policy, SigningKeys keys, TokenIssuer issuer,
                 LoginThrottle throttle, TokenRevocations revocations, EventBus bus) {
}
