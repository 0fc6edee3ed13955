package io.agentmesh.verticles.auth;

import io.agentmesh.contract.auth.TokenPair;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * Access tokens: ES256 JWTs with iss, aud, sub, exp, iat, nbf, jti, roles, typ=access, the login id (sid) and the
 * issue time in milliseconds (iat_ms), so a user-wide revocation spares tokens issued after it in the same second.
 */
final class TokenIssuer {

  static final String REFRESH_PREFIX = "rt_";

  private final SigningKeys keys;
  private final AuthOptions options;

  TokenIssuer(SigningKeys keys, AuthOptions options) {
    this.keys = keys;
    this.options = options;
  }

  TokenPair pair(UserRow user, String loginId, String refreshToken) {
    long nowMs = System.currentTimeMillis();
    long now = nowMs / 1000;
    JsonObject claims = new JsonObject()
      .put("iss", options.issuer())
      .put("aud", options.audience())
      .put("sub", user.id())
      .put("iat", now)
      .put("iat_ms", nowMs)
      .put("nbf", now)
      .put("exp", now + options.accessTtlSeconds())
      .put("jti", UUID.randomUUID().toString())
      .put("typ", "access")
      .put("sid", loginId)
      .put("roles", new JsonArray(user.roles()));
    return new TokenPair(keys.sign(claims), refreshToken, "Bearer", options.accessTtlSeconds());
  }
}
