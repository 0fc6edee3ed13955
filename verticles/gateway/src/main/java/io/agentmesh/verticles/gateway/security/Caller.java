package io.agentmesh.verticles.gateway.security;

import io.agentmesh.contract.Principal;
import io.vertx.ext.web.RoutingContext;

/**
 * An authenticated caller and what admission must still check against the revocations ({@link RevokedCredentials}):
 * for an access token its login and issue time, for an API key its id and when it was verified ({@code issuedAtMs}
 * null for anonymous callers), and when an access token expires ({@code expiresAtMs}, null for keys).
 */
public record Caller(Principal principal, Long issuedAtMs, Long expiresAtMs) {

  static final Caller ANONYMOUS = new Caller(Principal.ANONYMOUS, null, null);

  /** The caller of a routed request, as the route guard established it. */
  public static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(KEY);
    return caller == null ? ANONYMOUS : caller;
  }

  void putInto(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  private static final String KEY = "caller";

  boolean needsRevocationCheck() {
    return issuedAtMs != null;
  }
}
