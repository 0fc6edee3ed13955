package io.agentmesh.verticles.gateway.security;

import io.agentmesh.contract.Principal;
import io.vertx.ext.web.RoutingContext;

/**
 * The caller of the current request, set by the route guard from a verified credential; anonymous otherwise.
 */
public final class Principals {

  private static final String KEY = "principal";

  private Principals() {
  }

  public static Principal of(RoutingContext ctx) {
    Principal principal = ctx.get(KEY);
    return principal == null ? Principal.ANONYMOUS : principal;
  }

  static void set(RoutingContext ctx, Principal principal) {
    ctx.put(KEY, principal);
  }
}
