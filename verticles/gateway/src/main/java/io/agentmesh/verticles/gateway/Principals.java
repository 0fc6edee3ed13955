package io.agentmesh.verticles.gateway;

import io.agentmesh.contract.Principal;
import io.vertx.ext.web.RoutingContext;

/**
 * The caller of the current request. Only the gateway's authentication step may set it; until a route requires
 * authentication the caller is {@link Principal#ANONYMOUS}.
 */
final class Principals {

  private static final String KEY = "principal";

  private Principals() {
  }

  static Principal of(RoutingContext ctx) {
    Principal principal = ctx.get(KEY);
    return principal == null ? Principal.ANONYMOUS : principal;
  }
}
